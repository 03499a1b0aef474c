import { describe, expect, it } from 'vitest';
import { adapterFor, reviewResultSchema } from '../../../src/main/core/agents';
import {
  buildReviewPrompt,
  REVIEW_RESULT_SCHEMA,
  type ReviewPromptInput,
} from '../../../src/main/core/prompts';
import { reviewWorkspaceKey } from '../../../src/main/core/remote';
import { parsePullRequestUrl } from '../../../src/shared/domain/review';

const SHA = '0123456789abcdef0123456789abcdef01234567';

const input: ReviewPromptInput = {
  pullRequest: {
    url: 'https://github.com/acme/api/pull/42',
    title: 'Fix the queue layout',
    repository: 'acme/api',
    repoUrl: 'https://github.com/acme/api',
    baseBranch: 'main',
  },
  projectDescription: 'The API of Acme. Migrations must be reversible.',
  branch: 'sortie-review/dsp_00000000000000000001',
  worktreePath: '~/sortie/projects/api/worktrees/dsp_00000000000000000001',
  pinnedCommit: SHA,
  mainUser: 'octocat',
  defaultInstructions: 'Prefer small, focused comments.',
  extraInstructions: 'Look hard at the migration.',
  request: '',
  previousReview: null,
};

describe('buildReviewPrompt', () => {
  it('asks for one COMMENT review of the pinned commit that starts by mentioning the main user', () => {
    const prompt = buildReviewPrompt(input);
    expect(prompt).toContain('- Pull request: https://github.com/acme/api/pull/42');
    expect(prompt).toContain(`- Pinned commit: ${SHA}`);
    expect(prompt).toContain('exactly one GitHub review, in COMMENT mode');
    expect(prompt).toContain(
      'The first line of the review body must be exactly: `@octocat asked me to review this pull request.`',
    );
    expect(prompt).toContain('Do not push commits, open or edit pull requests, or request reviews');
    expect(prompt).toMatch(/not at the pinned commit|is not, stop/);
    expect(prompt).toContain('say so plainly');
    expect(prompt).toContain('## About this project\n\nThe API of Acme. Migrations must be reversible.');
    expect(prompt).toContain('## Review guidelines\n\nPrefer small, focused comments.');
    expect(prompt).toContain('## Extra instructions for this pull request\n\nLook hard at the migration.');
    expect(prompt).not.toContain('## Your previous review');
    expect(prompt).not.toContain('## Re-review request');
  });

  it('on a re-review, gives the previous submitted review and the rule for earlier findings', () => {
    const prompt = buildReviewPrompt({
      ...input,
      request: 'Check the fix for the race.',
      defaultInstructions: '',
      extraInstructions: '',
      previousReview: {
        url: 'https://github.com/acme/api/pull/42#pullrequestreview-7',
        id: '7',
        pinnedCommit: 'f'.repeat(40),
      },
    });
    expect(prompt).toContain('## Re-review request\n\nCheck the fix for the race.');
    expect(prompt).toContain('- Review: https://github.com/acme/api/pull/42#pullrequestreview-7');
    expect(prompt).toContain('- Review id: 7');
    expect(prompt).toContain(`- It reviewed commit: ${'f'.repeat(40)}`);
    expect(prompt).toContain('must be fixed only when @octocat said');
    expect(prompt).not.toContain('## Review guidelines');
  });
});

describe('REVIEW_RESULT_SCHEMA', () => {
  const schema = JSON.parse(REVIEW_RESULT_SCHEMA) as {
    required: string[];
    properties: Record<string, { enum?: string[] }>;
  };

  it('has exactly the fields the review result validator reads, all required', () => {
    expect(Object.keys(schema.properties).sort()).toEqual(Object.keys(reviewResultSchema.shape).sort());
    expect(schema.required.sort()).toEqual(Object.keys(schema.properties).sort());
    expect(schema.properties.status?.enum).toEqual(['succeeded', 'failed', 'blocked']);
  });

  it.each(['codex', 'claude'] as const)('is what %s results are read against for review runs', (agent) => {
    const answer = {
      status: 'succeeded',
      summary: 'Submitted.',
      reviewSubmitted: true,
      githubReviewId: '7',
      githubReviewUrl: 'https://github.com/acme/api/pull/42#pullrequestreview-7',
      worktreePath: '/w',
      notes: null,
    };
    expect(adapterFor(agent).parseResult(JSON.stringify(answer), 'review')).toEqual(answer);
    // A task result is not a review result.
    expect(() =>
      adapterFor(agent).parseResult(
        JSON.stringify({
          status: 'succeeded',
          summary: '',
          pullRequestUrl: null,
          branchName: null,
          worktreePath: '/w',
          notes: null,
        }),
        'review',
      ),
    ).toThrow(/reviewSubmitted/);
  });
});

describe('pull request URLs and review workspace keys', () => {
  it('reads GitHub pull request URLs only', () => {
    expect(parsePullRequestUrl('https://github.com/acme/api/pull/42/files?w=1')).toEqual({
      owner: 'acme',
      name: 'api',
      number: 42,
      url: 'https://github.com/acme/api/pull/42',
    });
    for (const bad of [
      'http://github.com/a/b/pull/1',
      'https://github.com/a/b/issues/1',
      'https://github.com/a/../pull/1',
      'https://github.com/a/b/pull/01',
      'https://github.com.evil/a/b/pull/1',
    ]) {
      expect(parsePullRequestUrl(bad)).toBeNull();
    }
  });

  it('keys a review workspace by the repository, as a plain folder name', () => {
    expect(reviewWorkspaceKey('acme/project-x')).toBe('acme-project-x');
    expect(reviewWorkspaceKey('Acme/Some.Repo_')).toBe('acme-some-repo');
    expect(reviewWorkspaceKey('../..')).toBe('review-repo');
  });
});
