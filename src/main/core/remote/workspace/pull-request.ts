import { z } from 'zod';
import { AppError } from '../../errors';
import type { RemoteHost } from '../remote-host';
import { runScript } from './run-script';

/** The fields of GitHub's REST pull request answer that Sortie reads. */
const pullRequestAnswer = z.object({
  number: z.number().int().positive(),
  state: z.string(),
  merged_at: z.string().nullable().optional(),
  title: z.string(),
  head: z.object({ sha: z.string().regex(/^[0-9a-f]{40}$/, 'must be a commit id') }),
  base: z.object({
    ref: z.string().min(1),
    repo: z
      .object({ full_name: z.string(), clone_url: z.string().min(1) })
      .partial()
      .optional(),
  }),
});

export interface PullRequestInfo {
  number: number;
  /** 'open', 'closed' or 'merged'. */
  state: 'open' | 'closed' | 'merged';
  title: string;
  headSha: string;
  baseBranch: string;
  /** What a checkout clones from: the base repository's clone URL. */
  cloneUrl: string | null;
}

/** Reads a pull request with `gh api` on the runner (read-pull-request.sh). */
export async function readPullRequest(
  host: RemoteHost,
  pr: { owner: string; name: string; number: number },
): Promise<PullRequestInfo> {
  let out: Buffer;
  try {
    out = await runScript(host, 'read-pull-request', [pr.owner, pr.name, String(pr.number)]);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (/HTTP 404|Not Found/.test(message)) {
      throw new AppError(
        'NOT_FOUND',
        `GitHub has no pull request ${pr.owner}/${pr.name}#${pr.number}, or the account gh is logged in as on the runner cannot see it.`,
        'pullRequestUrl',
      );
    }
    throw error;
  }
  let json: unknown;
  try {
    json = JSON.parse(out.toString('utf8'));
  } catch {
    throw new AppError(
      'REMOTE_FAILED',
      `gh answered something other than JSON for ${pr.owner}/${pr.name}#${pr.number}.`,
    );
  }
  const parsed = pullRequestAnswer.safeParse(json);
  if (!parsed.success) {
    throw new AppError(
      'REMOTE_FAILED',
      `GitHub's answer for ${pr.owner}/${pr.name}#${pr.number} lacks what a review needs: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
    );
  }
  const answer = parsed.data;
  return {
    number: answer.number,
    state: answer.merged_at ? 'merged' : answer.state === 'open' ? 'open' : 'closed',
    title: answer.title,
    headSha: answer.head.sha,
    baseBranch: answer.base.ref,
    cloneUrl: answer.base.repo?.clone_url ?? null,
  };
}
