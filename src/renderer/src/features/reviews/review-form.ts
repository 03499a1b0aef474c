import { parsePullRequestUrl, type PullRequestRef } from '@shared/domain/review';
import type { ChannelInput } from '@shared/contract';
import type { AgentKind } from '@shared/domain/dispatch';

/** What the URL field holds, checked as it is typed. */
export interface UrlCheck {
  /** The pull request it names, when it is a GitHub pull request URL. */
  readonly pullRequest: PullRequestRef | null;
  /** Why it is not one ('' when it is, or when the field is empty). */
  readonly problem: string;
}

export function checkPullRequestUrl(text: string): UrlCheck {
  const trimmed = text.trim();
  if (trimmed === '') return { pullRequest: null, problem: '' };
  const pullRequest = parsePullRequestUrl(trimmed);
  if (pullRequest) return { pullRequest, problem: '' };
  return {
    pullRequest: null,
    problem: /^https:\/\/github\.com\//i.test(trimmed)
      ? 'This GitHub address is not a pull request: it should end in /pull/<number>.'
      : 'Paste a GitHub pull request URL, like https://github.com/owner/repo/pull/123.',
  };
}

/** `reviews.create`'s input from the form; empty extra instructions are left out. */
export function reviewCreateInput(form: {
  pullRequest: PullRequestRef;
  runnerId: string;
  agent: AgentKind;
  extraInstructions: string;
}): ChannelInput<'reviews.create'> {
  const extra = form.extraInstructions.trim();
  return {
    pullRequestUrl: form.pullRequest.url,
    runnerId: form.runnerId,
    agent: form.agent,
    ...(extra ? { extraInstructions: extra } : {}),
  };
}
