import { z } from 'zod';
import { AppError } from '../../errors';
import type { RemoteHost } from '../remote-host';
import { runScript } from '../workspace/run-script';
import { frameError, parseFrames, parsePages, type Frame } from '../frames';

/** What `gh pr view --json …` answers, as far as Sortie reads it. */
const rollupItemSchema = z.object({
  name: z.string().optional(),
  context: z.string().optional(),
  workflowName: z.string().nullable().optional(),
  status: z.string().optional(),
  conclusion: z.string().nullable().optional(),
  state: z.string().optional(),
  startedAt: z.string().nullable().optional(),
  detailsUrl: z.string().nullable().optional(),
  targetUrl: z.string().nullable().optional(),
});
const pullRequestSchema = z.object({
  number: z.number().int(),
  url: z.string(),
  state: z.string(),
  isDraft: z.boolean().default(false),
  headRefOid: z.string(),
  headRefName: z.string().default(''),
  mergedAt: z.string().nullable().optional(),
  reviewDecision: z.string().nullable().optional(),
  statusCheckRollup: z.array(rollupItemSchema).nullable().default([]),
});
/** A review as the REST API shows it (`gh api …/pulls/N/reviews`): its id ties its comments. */
const reviewSchema = z.object({
  id: z.number().int(),
  user: z.object({ login: z.string() }).nullable().optional(),
  state: z.string(),
  body: z
    .string()
    .nullable()
    .optional()
    .transform((body) => body ?? ''),
  submitted_at: z.string().nullable().optional(),
});
/** An inline review comment (`gh api …/pulls/N/comments`); a reply names the comment it answers. */
const commentSchema = z.object({
  id: z.number().int(),
  pull_request_review_id: z.number().int().nullable().optional(),
  in_reply_to_id: z.number().int().nullable().optional(),
  user: z.object({ login: z.string() }).nullable().optional(),
  body: z.string().default(''),
  path: z.string().nullable().optional(),
  line: z.number().int().nullable().optional(),
  original_line: z.number().int().nullable().optional(),
  created_at: z.string().optional(),
});
/** A check as `gh pr checks --json name,state,bucket,link,workflow,startedAt` shows it. */
const checkSchema = z.object({
  name: z.string(),
  state: z.string().default(''),
  bucket: z.string(),
  link: z.string().default(''),
  workflow: z.string().default(''),
  startedAt: z.string().nullable().optional(),
});

export type GithubRollupItem = z.infer<typeof rollupItemSchema>;
export type GithubReview = z.infer<typeof reviewSchema>;
export type GithubInlineComment = z.infer<typeof commentSchema>;
export type GithubCheck = z.infer<typeof checkSchema>;
export type GithubPullRequest = z.infer<typeof pullRequestSchema> & {
  reviews: GithubReview[];
  comments: GithubInlineComment[];
  /** The checks branch protection requires; null when it requires none (then all count). */
  requiredChecks: GithubCheck[] | null;
};

export type PullRequestRead = { ok: true; pullRequest: GithubPullRequest } | { ok: false; error: string };

/**
 * gh's answer when branch protection names no checks or the head has none at all, or when it is
 * older than `gh pr checks --json` (2.50) or `--required`: then the status rollup decides.
 */
const NO_REQUIRED_CHECKS = /no (required )?checks reported|unknown flag: --(json|required)/;

/**
 * Reads several pull requests with gh on one runner, in one remote call (read-pull-requests.sh).
 * A pull request whose state, reviews, comments or checks could not be read is a failed read:
 * acting on half of it could repeat or miss feedback.
 */
export async function readPullRequests(
  host: RemoteHost,
  urls: readonly string[],
): Promise<PullRequestRead[]> {
  if (urls.length === 0) return [];
  const out = await runScript(host, 'read-pull-requests', urls, { timeoutMs: 60_000 + urls.length * 10_000 });
  const frames = parseFrames(out, 'read-pull-requests');
  return urls.map((_, index) => {
    const part = (kind: string) => frames.get(`${kind} ${index}`);
    const pr = part('PR');
    if (!pr) return { ok: false, error: 'The runner answered nothing for this pull request.' };
    if (pr.exitCode !== 0) return { ok: false, error: frameError(pr) };
    const view = pullRequestSchema.safeParse(parseJson(pr.stdout));
    if (!view.success) return notUnderstood('gh pr view', view.error.issues[0]?.message);
    const reviews = pages(part('REVIEWS'), 'reviews', reviewSchema);
    if (!reviews.ok) return reviews;
    const comments = pages(part('COMMENTS'), 'inline comments', commentSchema);
    if (!comments.ok) return comments;
    const checks = requiredChecks(part('CHECKS'));
    if (!checks.ok) return checks;
    return {
      ok: true,
      pullRequest: {
        ...view.data,
        reviews: reviews.items,
        comments: comments.items,
        requiredChecks: checks.checks,
      },
    };
  });
}

function pages<T>(
  frame: Frame | undefined,
  what: string,
  schema: z.ZodType<T>,
): { ok: true; items: T[] } | { ok: false; error: string } {
  if (!frame) return { ok: false, error: `The runner answered no ${what} for this pull request.` };
  if (frame.exitCode !== 0) return { ok: false, error: `Reading its ${what}: ${frameError(frame)}` };
  const items = z.array(schema).safeParse(parsePages(frame.stdout));
  if (!items.success) return notUnderstood(`gh api (${what})`, items.error.issues[0]?.message);
  return { ok: true, items: items.data };
}

function requiredChecks(
  frame: Frame | undefined,
): { ok: true; checks: GithubCheck[] | null } | { ok: false; error: string } {
  if (!frame) return { ok: false, error: 'The runner answered no checks for this pull request.' };
  const listed = z.array(checkSchema).safeParse(parseJson(frame.stdout));
  // gh pr checks may exit non-zero while reporting failing or pending checks.
  if (listed.success) return { ok: true, checks: listed.data };
  if (NO_REQUIRED_CHECKS.test(frame.stderr)) return { ok: true, checks: null };
  if (frame.exitCode !== 0) return { ok: false, error: `Reading its checks: ${frameError(frame)}` };
  return notUnderstood('gh pr checks', listed.error.issues[0]?.message);
}

function notUnderstood(command: string, why: string | undefined): { ok: false; error: string } {
  return { ok: false, error: `${command}'s answer was not understood${why ? `: ${why}` : ''}.` };
}

/** One failed job's log to read: the run, and the job when the check's link names it. */
export interface CheckLogRequest {
  repository: string;
  runId: string;
  jobId: string | null;
}

/**
 * The end (capBytes) of each job's failed log (read-check-logs.sh), in one remote call; '' for
 * one that could not be read (the follow-up then says so and tells the agent how to look).
 */
export async function readCheckLogs(
  host: RemoteHost,
  requests: readonly CheckLogRequest[],
  capBytes: number,
): Promise<string[]> {
  if (requests.length === 0) return [];
  const args = requests.flatMap((r) => [r.repository, r.runId, r.jobId ?? '-']);
  const out = await runScript(host, 'read-check-logs', [String(capBytes), ...args], {
    timeoutMs: 60_000 + requests.length * 10_000,
  });
  const frames = parseFrames(out, 'read-check-logs');
  return requests.map((_, index) => {
    const frame = frames.get(`LOG ${index}`);
    return frame && frame.exitCode === 0 ? frame.stdout : '';
  });
}

/** gh answered that the comment was not posted (not a timeout or a lost connection: those may have). */
export class CommentNotPosted extends AppError {
  constructor(message: string) {
    super('REMOTE_FAILED', message);
  }
}

/** Posts a comment on a pull request (comment-pull-request.sh); the body goes as stdin. */
export async function commentPullRequest(host: RemoteHost, url: string, body: string): Promise<string> {
  const result = await host.run('comment-pull-request', [url], { input: Buffer.from(body, 'utf8') });
  if (result.exitCode === 0) return result.stdout.toString('utf8').trim();
  const said = result.stderr.toString('utf8').trim().split('\n').slice(-3).join('\n');
  if (result.exitCode === 124) throw new AppError('REMOTE_FAILED', 'gh pr comment did not answer in time.');
  throw new CommentNotPosted(`gh pr comment failed (exit ${result.exitCode})${said ? `: ${said}` : ''}`);
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
