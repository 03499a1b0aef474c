import { z } from 'zod';
import { AppError } from '../../errors';
import type { RemoteHost } from '../remote-host';
import { runScript } from '../workspace/run-script';

/** What `gh pr view --json …` answers, as far as Sortie reads it. */
const reviewSchema = z.object({
  author: z.object({ login: z.string() }).nullable().optional(),
  state: z.string(),
  body: z.string().default(''),
  submittedAt: z.string().nullable().optional(),
});
const checkSchema = z.object({
  name: z.string().optional(),
  context: z.string().optional(),
  status: z.string().optional(),
  conclusion: z.string().nullable().optional(),
  state: z.string().optional(),
  detailsUrl: z.string().nullable().optional(),
  targetUrl: z.string().nullable().optional(),
});
const pullRequestSchema = z.object({
  number: z.number().int(),
  url: z.string(),
  state: z.string(),
  isDraft: z.boolean().default(false),
  headRefOid: z.string(),
  mergedAt: z.string().nullable().optional(),
  reviewDecision: z.string().nullable().optional(),
  reviews: z.array(reviewSchema).default([]),
  statusCheckRollup: z.array(checkSchema).nullable().default([]),
});
const commentSchema = z.object({
  user: z.object({ login: z.string() }).nullable().optional(),
  body: z.string().default(''),
  path: z.string().nullable().optional(),
  line: z.number().int().nullable().optional(),
  original_line: z.number().int().nullable().optional(),
  created_at: z.string().optional(),
});

export type GithubReview = z.infer<typeof reviewSchema>;
export type GithubCheck = z.infer<typeof checkSchema>;
export type GithubInlineComment = z.infer<typeof commentSchema>;
export type GithubPullRequest = z.infer<typeof pullRequestSchema> & { comments: GithubInlineComment[] };

export type PullRequestRead = { ok: true; pullRequest: GithubPullRequest } | { ok: false; error: string };

/** Reads several pull requests with gh on one runner, in one remote call (read-pull-requests.sh). */
export async function readPullRequests(
  host: RemoteHost,
  urls: readonly string[],
): Promise<PullRequestRead[]> {
  if (urls.length === 0) return [];
  const out = await runScript(host, 'read-pull-requests', urls, { timeoutMs: 60_000 + urls.length * 10_000 });
  const frames = parseFrames(out);
  return urls.map((_, index) => {
    const pr = frames.get(`PR ${index}`);
    if (!pr) return { ok: false, error: 'The runner answered nothing for this pull request.' };
    if (pr.code !== 0) return { ok: false, error: lastLines(pr.text) || `gh exited with ${pr.code}` };
    const parsed = pullRequestSchema.safeParse(parseJson(pr.text));
    if (!parsed.success)
      return { ok: false, error: `gh's answer was not understood: ${parsed.error.issues[0]?.message ?? ''}` };
    const commentsFrame = frames.get(`COMMENTS ${index}`);
    const comments =
      commentsFrame && commentsFrame.code === 0
        ? (z.array(commentSchema).safeParse(parseJson(commentsFrame.text)).data ?? [])
        : [];
    return { ok: true, pullRequest: { ...parsed.data, comments } };
  });
}

/** The end of a GitHub Actions run's failed log (read-check-log.sh). */
export async function readCheckLog(
  host: RemoteHost,
  repository: string,
  runId: string,
  capBytes: number,
): Promise<string> {
  return (await runScript(host, 'read-check-log', [repository, runId, String(capBytes)])).toString('utf8');
}

/** Posts a comment on a pull request (comment-pull-request.sh); the body goes as stdin. */
export async function commentPullRequest(host: RemoteHost, url: string, body: string): Promise<string> {
  return (await runScript(host, 'comment-pull-request', [url], { input: Buffer.from(body, 'utf8') }))
    .toString('utf8')
    .trim();
}

function parseFrames(out: Buffer): Map<string, { code: number; text: string }> {
  const frames = new Map<string, { code: number; text: string }>();
  let at = 0;
  while (at < out.length) {
    const end = out.indexOf(0x0a, at);
    if (end < 0) break;
    const header = /^(PR|COMMENTS) (\d+) (\d+) (\d+)$/.exec(out.subarray(at, end).toString('utf8'));
    if (!header) throw new AppError('REMOTE_FAILED', 'read-pull-requests answered a malformed frame.');
    const size = Number(header[4]);
    const text = out.subarray(end + 1, end + 1 + size).toString('utf8');
    frames.set(`${header[1]} ${header[2]}`, { code: Number(header[3]), text });
    at = end + 1 + size;
  }
  return frames;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

function lastLines(text: string): string {
  return text.trim().split('\n').slice(-3).join('\n');
}
