import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Dispatch, EventPayload, Review } from '@shared/contract';
import {
  createPullRequest,
  createUpstreamRepo,
  pushToPullRequest,
  readFakeState,
  readPullRequestReviews,
  setPullRequestState,
} from '../../support/fake-cli/github-fixture';
import { isRunning } from '../../support/processes';
import { startRunFixture, type RunFixture } from '../../support/run-fixture';

let f: RunFixture;
const MAIN_USER = 'octo-lead';
const FINAL = ['succeeded', 'failed', 'blocked', 'canceled'] as const;

beforeAll(async () => {
  f = await startRunFixture({ maxConcurrent: 3 });
  await f.call('settings.update', {
    githubMainUser: MAIN_USER,
    defaultReviewPrompt: 'Mind the error handling.',
  });
});
afterAll(() => f.close());

/** A new open pull request on the project's repository (acme/api). */
function newPullRequest(title: string, repo = { owner: 'acme', name: 'api' }) {
  return {
    ...createPullRequest(
      f.sshd,
      repo,
      { title, files: { [`src/${title.replace(/\W+/g, '-')}.txt`]: `${title}\n` } },
      f.homes,
    ),
    ...repo,
  };
}

// Within the test's own 60 s, so a run that never ends fails saying where it stopped.
async function finished(run: Dispatch): Promise<Dispatch> {
  return f.waitFor(run.id, [...FINAL], 45_000);
}

it.each(['codex', 'claude'] as const)(
  'reviews a pull request with %s: launch phases, one COMMENT review that mentions the main user, linked from the review',
  async (agent) => {
    f.outcome('success');
    const pr = newPullRequest(`Add a ${agent} feature`);
    const review = await f.call('reviews.create', { pullRequestUrl: pr.url, agent });
    expect(review).toMatchObject({
      repository: 'acme/api',
      pullRequestNumber: pr.number,
      title: `Add a ${agent} feature`,
      projectId: f.project.id,
      headSha: pr.headSha,
      agent,
      mainUser: MAIN_USER,
    });
    expect(review.latestRun).toMatchObject({
      kind: 'review',
      status: 'queued',
      headSha: pr.headSha,
      taskId: null,
    });

    const done = await finished(review.latestRun!);
    expect(done.status, `${done.summary} ${done.errorText}`).toBe('succeeded');
    expect(done.reviewSubmitted).toBe(true);
    const events = await f.call('dispatches.events', {
      dispatchId: done.id,
    });
    const phases = events.events.filter((e) => e.kind === 'phase').map((e) => e.data.phase);
    expect(phases).toEqual(
      expect.arrayContaining(['check-github', 'ensure-checkout', 'prepare-worktree', 'launch', 'running']),
    );

    const reviews = readPullRequestReviews(f.sshd, pr, f.homes);
    expect(reviews).toHaveLength(1);
    expect(reviews[0]!.state).toBe('COMMENTED');
    expect(reviews[0]!.body.split('\n')[0]).toBe(`@${MAIN_USER} asked me to review this pull request.`);
    expect(reviews[0]!.commit_id).toBe(pr.headSha);
    expect(done.githubReviewUrl).toBe(reviews[0]!.html_url);
    const shown = await f.call('reviews.get', { reviewId: review.id });
    expect(shown.submittedReviewUrl).toBe(reviews[0]!.html_url);
    expect(shown.latestRun?.id).toBe(done.id);

    // The prompt said what to review and how.
    const prompt = (await f.call('dispatches.get', { id: done.id })).prompt;
    expect(prompt).toContain(`- Pinned commit: ${pr.headSha}`);
    expect(prompt).toContain('COMMENT mode');
    expect(prompt).toContain('Mind the error handling.');
    if (agent === 'claude') {
      // Someone else's code: the repository's own Claude settings, hooks and MCP servers stay off.
      const args = readFakeState(f.sshd, f.homes).lastArgs ?? [];
      expect(args.slice(args.indexOf('--setting-sources'), args.indexOf('--setting-sources') + 2)).toEqual([
        '--setting-sources',
        'user',
      ]);
      expect(args).toContain('--strict-mcp-config');
    }
  },
);

it('refuses a malformed URL, a closed pull request and a second review of one pull request', async () => {
  for (const url of [
    'https://github.com/acme/api/issues/3',
    'github.com/acme/api/pull/3',
    'https://example.com/a/b/pull/1',
    'https://github.com/acme/api/pull/0',
  ]) {
    await expect(f.call('reviews.create', { pullRequestUrl: url })).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      field: 'pullRequestUrl',
    });
  }
  const closed = newPullRequest('Closed already');
  setPullRequestState(f.sshd, closed, 'CLOSED', f.homes);
  await expect(f.call('reviews.create', { pullRequestUrl: closed.url })).rejects.toMatchObject({
    code: 'CONFLICT',
    message: expect.stringContaining('closed'),
  });
  expect((await f.call('reviews.list')).some((r) => r.pullRequestUrl === closed.url)).toBe(false);

  f.outcome('success');
  const pr = newPullRequest('Twice');
  const review = await f.call('reviews.create', { pullRequestUrl: pr.url });
  await expect(f.call('reviews.create', { pullRequestUrl: pr.url })).rejects.toMatchObject({
    code: 'CONFLICT',
  });
  await finished(review.latestRun!);
});

it("gives a repository no project has a review workspace of its own, beside the projects' folders", async () => {
  f.outcome('success');
  createUpstreamRepo(f.sshd, { owner: 'other-org', name: 'widgets', baseBranch: 'main' }, f.homes);
  const pr = newPullRequest('Widget fix', { owner: 'other-org', name: 'widgets' });
  const review = await f.call('reviews.create', { pullRequestUrl: pr.url });
  expect(review).toMatchObject({
    projectId: null,
    workspaceKey: 'other-org-widgets',
    repoUrl: 'https://github.com/other-org/widgets',
  });
  const done = await finished(review.latestRun!);
  expect(done.status, done.errorText).toBe('succeeded');
  const root = f.remotePath(f.runner.workspaceRoot);
  expect(done.worktreePath).toBe(`${f.runner.workspaceRoot}/reviews/other-org-widgets/worktrees/${done.id}`);
  expect(existsSync(join(root, 'reviews', 'other-org-widgets', 'checkout', '.git'))).toBe(true);
  expect(readPullRequestReviews(f.sshd, pr, f.homes)).toHaveLength(1);
  // The project registry is the projects': a review workspace is not entered in it.
  const registry = JSON.parse(f.sshd.runAsUser(['cat', f.remotePath(f.runner.registryPath)])) as {
    projects: object;
  };
  expect(Object.keys(registry.projects)).not.toContain('other-org-widgets');

  // Once no review uses it, cleanup reclaims the whole workspace; the projects' are untouched.
  await f.call('reviews.delete', { reviewId: review.id });
  const cleaned = await f.call('maintenance.cleanup', {});
  expect(cleaned.reviewWorkspacesRemoved).toBe(1);
  expect(existsSync(join(root, 'reviews', 'other-org-widgets'))).toBe(false);
  expect(existsSync(join(root, 'projects', 'api', 'checkout', '.git'))).toBe(true);
});

it('reviews the commit pinned when the run was queued, even after the pull request moved on', async () => {
  f.outcome('success');
  const pr = newPullRequest('Moving target');
  f.core.services.runs.scheduler.pause();
  try {
    const review = await f.call('reviews.create', { pullRequestUrl: pr.url });
    const newHead = pushToPullRequest(f.sshd, pr, { files: { 'src/later.txt': 'later\n' } }, f.homes);
    expect(newHead).not.toBe(pr.headSha);
    f.core.services.runs.scheduler.resume();
    const done = await finished(review.latestRun!);
    expect(done.status, done.errorText).toBe('succeeded');
    expect(done.headSha).toBe(pr.headSha);
    const head = f.sshd.runAsUser(['git', '-C', f.remotePath(done.worktreePath), 'rev-parse', 'HEAD']).trim();
    expect(head).toBe(pr.headSha);
    expect(readPullRequestReviews(f.sshd, pr, f.homes)[0]!.commit_id).toBe(pr.headSha);
  } finally {
    f.core.services.runs.scheduler.resume();
  }
});

it('fails saying so when the pinned commit is gone, and a re-review pins the new head', async () => {
  f.outcome('success');
  const pr = newPullRequest('Force pushed');
  f.core.services.runs.scheduler.pause();
  let review: Review;
  try {
    review = await f.call('reviews.create', { pullRequestUrl: pr.url });
    pushToPullRequest(f.sshd, pr, { force: true }, f.homes);
  } finally {
    f.core.services.runs.scheduler.resume();
  }
  const failed = await finished(review.latestRun!);
  expect(failed.status).toBe('failed');
  expect(failed.errorText).toMatch(new RegExp(`pinned commit ${pr.headSha} is no longer in pull request`));
  expect(readPullRequestReviews(f.sshd, pr, f.homes)).toHaveLength(0);

  const rerun = await f.call('reviews.rerun', { reviewId: review.id });
  expect(rerun.headSha).not.toBe(pr.headSha);
  const done = await finished(rerun);
  expect(done.status, done.errorText).toBe('succeeded');
  expect(readPullRequestReviews(f.sshd, pr, f.homes)[0]!.commit_id).toBe(rerun.headSha);
});

it('re-reviews with the previous review in the prompt, one active run at a time', async () => {
  f.outcome('success');
  const pr = newPullRequest('Second look');
  const review = await f.call('reviews.create', { pullRequestUrl: pr.url });
  const first = await finished(review.latestRun!);
  expect(first.reviewSubmitted).toBe(true);
  const pushed = pushToPullRequest(f.sshd, pr, { files: { 'src/fix.txt': 'fixed\n' } }, f.homes);

  f.outcome('slow');
  const results = await Promise.allSettled([
    f.call('reviews.rerun', { reviewId: review.id, request: 'Check the fix for the race.' }),
    f.call('reviews.rerun', { reviewId: review.id, request: 'Check the fix for the race.' }),
  ]);
  const started = results.filter((r): r is PromiseFulfilledResult<Dispatch> => r.status === 'fulfilled');
  expect(started).toHaveLength(1);
  expect(results.find((r) => r.status === 'rejected')).toMatchObject({ reason: { code: 'CONFLICT' } });
  const second = await finished(started[0]!.value);
  expect(second.status, second.errorText).toBe('succeeded');
  expect(second.headSha).toBe(pushed);

  const prompt = (await f.call('dispatches.get', { id: second.id })).prompt;
  expect(prompt).toContain(`- Review: ${first.githubReviewUrl}`);
  expect(prompt).toContain(`- It reviewed commit: ${first.headSha}`);
  expect(prompt).toContain('Check the fix for the race.');
  expect(prompt).toContain(`only when @${MAIN_USER} said`);
  expect((await f.call('reviews.history', { reviewId: review.id })).map((r) => r.id)).toEqual([
    second.id,
    first.id,
  ]);
});

it('announces a submitted review once, opening it, and one that was not submitted as a failure', async () => {
  const notices: EventPayload<'notification'>[] = [];
  const off = f.core.bus.subscribe((name, payload) => {
    if (name === 'notification') notices.push(payload as EventPayload<'notification'>);
  });
  try {
    f.outcome('success');
    const pr = newPullRequest('Announce me');
    const review = await f.call('reviews.create', { pullRequestUrl: pr.url });
    const done = await finished(review.latestRun!);
    await waitUntil(() => notices.some((n) => n.dispatchId === done.id));
    expect(notices.filter((n) => n.dispatchId === done.id)).toEqual([
      expect.objectContaining({
        level: 'success',
        title: `Review of acme/api#${pr.number} submitted`,
        url: done.githubReviewUrl,
        reviewId: review.id,
        taskId: null,
      }),
    ]);

    f.outcome('review-unsubmitted');
    const rerun = await f.call('reviews.rerun', { reviewId: review.id });
    await finished(rerun);
    await waitUntil(() => notices.some((n) => n.dispatchId === rerun.id));
    expect(notices.find((n) => n.dispatchId === rerun.id)).toMatchObject({
      level: 'error',
      title: `Review of acme/api#${pr.number} failed`,
      url: null,
    });
  } finally {
    off();
  }
});

it('does not count a run that claims success without submitting a review', async () => {
  f.outcome('review-unsubmitted');
  const pr = newPullRequest('Claims only');
  const review = await f.call('reviews.create', { pullRequestUrl: pr.url });
  const done = await finished(review.latestRun!);
  expect(done.status).toBe('failed');
  expect(done.reviewSubmitted).toBe(false);
  expect(done.summary).toMatch(/without submitting a review/);
  expect((await f.call('reviews.get', { reviewId: review.id })).submittedReviewUrl).toBeNull();
  expect(readPullRequestReviews(f.sshd, pr, f.homes)).toHaveLength(0);
});

it('cancels a review mid-run leaving no agent process; reset is refused while it runs', async () => {
  f.outcome('hang');
  const pr = newPullRequest('Hanging review');
  const review = await f.call('reviews.create', { pullRequestUrl: pr.url });
  const running = await f.waitFor(review.latestRun!.id, ['running'], 60_000);
  await expect(f.call('maintenance.reset', {})).rejects.toMatchObject({
    code: 'CONFLICT',
    message: expect.stringContaining(`review run ${running.id}`),
  });
  const pid = await waitForAgent();
  expect(isRunning(pid)).toBe(true);
  const canceled = await f.call('reviews.cancel', { reviewId: review.id });
  expect(canceled.status).toBe('canceled');
  expect(isRunning(pid)).toBe(false);
  const leftovers = execFileSync('ps', ['-eo', 'pid=,args='], { encoding: 'utf8' })
    .split('\n')
    .filter((line) => line.includes(running.id));
  expect(leftovers).toEqual([]);
  await expect(f.call('reviews.cancel', { reviewId: review.id })).rejects.toMatchObject({ code: 'CONFLICT' });
});

it('deletes a review while its runner is unreachable, and cleanup removes its traces once it is back', async () => {
  f.outcome('success');
  const pr = newPullRequest('Delete me');
  const review = await f.call('reviews.create', { pullRequestUrl: pr.url });
  const done = await finished(review.latestRun!);
  expect(done.status, done.errorText).toBe('succeeded');
  const worktree = f.remotePath(done.worktreePath);
  const runDir = f.remotePath(done.runDir);
  expect(existsSync(worktree) && existsSync(runDir)).toBe(true);

  await f.sshd.stop();
  let result: { deleted: boolean; remoteCleanupSkipped: string | null };
  try {
    result = await f.call('reviews.delete', { reviewId: review.id });
  } finally {
    await f.sshd.start();
  }
  expect(result.deleted).toBe(true);
  expect(result.remoteCleanupSkipped).toMatch(/refused|closed|connect|reach/i);
  await expect(f.call('reviews.get', { reviewId: review.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  expect(f.core.repos.dispatches.get(done.id)).toBeNull();
  expect(existsSync(worktree)).toBe(true);

  await f.call('runners.reconnect', { id: f.runner.id });
  const cleaned = await f.call('maintenance.cleanup', {});
  expect(cleaned.worktreesRemoved).toBeGreaterThanOrEqual(1);
  expect(existsSync(worktree)).toBe(false);
  expect(existsSync(runDir)).toBe(false);
  // Other reviews keep theirs.
  const kept = (await f.call('reviews.list'))
    .map((r) => r.latestRun)
    .filter((r) => r?.status === 'succeeded');
  expect(kept.length).toBeGreaterThan(0);
  for (const run of kept) expect(existsSync(f.remotePath(run!.runDir))).toBe(true);
});

it('deletes a review with its worktrees, run directories and local branch when the runner answers', async () => {
  f.outcome('success');
  const pr = newPullRequest('Gone for good');
  const review = await f.call('reviews.create', { pullRequestUrl: pr.url });
  const done = await finished(review.latestRun!);
  const checkout = f.remotePath(`${f.runner.workspaceRoot}/projects/api/checkout`);
  const branches = () => f.sshd.runAsUser(['git', '-C', checkout, 'branch', '--list', 'sortie-review/*']);
  expect(branches()).toContain(done.branch);
  const result = await f.call('reviews.delete', {
    reviewId: review.id,
  });
  expect(result.remoteCleanupSkipped).toBeNull();
  expect(existsSync(f.remotePath(done.worktreePath))).toBe(false);
  expect(existsSync(f.remotePath(done.runDir))).toBe(false);
  expect(branches()).not.toContain(done.branch);
});

it('stops the agent and removes the traces of a deleted review whose project was removed meanwhile', async () => {
  createUpstreamRepo(f.sshd, { owner: 'acme', name: 'web', baseBranch: 'main' }, f.homes);
  const web = await f.call('projects.upsert', {
    name: 'web',
    repoUrl: 'https://github.com/acme/web',
    gitUrl: join(f.homes.ghHome, 'repos', 'acme', 'web.git'),
    baseBranch: 'main',
  });
  f.outcome('hang');
  const pr = newPullRequest('Web change', { owner: 'acme', name: 'web' });
  const review = await f.call('reviews.create', { pullRequestUrl: pr.url });
  expect(review.projectId).toBe(web.id);
  const running = await f.waitFor(review.latestRun!.id, ['running'], 60_000);
  const pid = await waitForAgent();
  await f.call('projects.remove', { id: web.id });

  const result = await f.call('reviews.delete', {
    reviewId: review.id,
  });
  expect(result.remoteCleanupSkipped).toBeNull();
  expect(isRunning(pid)).toBe(false);
  expect(existsSync(f.remotePath(running.worktreePath))).toBe(false);
  expect(existsSync(f.remotePath(running.runDir))).toBe(false);
});

it('deletes a review while its run is still being launched, leaving nothing behind', async () => {
  f.outcome('hang');
  const pr = newPullRequest('Delete during launch');
  const review = await f.call('reviews.create', { pullRequestUrl: pr.url });
  await f.waitFor(review.latestRun!.id, ['preparing'], 30_000);
  const result = await f.call('reviews.delete', { reviewId: review.id });
  expect(result.deleted).toBe(true);
  await f.core.services.runs.scheduler.idle();
  const run = review.latestRun!;
  expect(existsSync(f.remotePath(run.runDir))).toBe(false);
  const leftovers = execFileSync('ps', ['-eo', 'pid=,args='], { encoding: 'utf8' })
    .split('\n')
    .filter((line) => line.includes(run.id));
  expect(leftovers).toEqual([]);
});

it('takes a pull request URL in another letter case for the same pull request', async () => {
  f.outcome('success');
  const pr = newPullRequest('Case matters not');
  const review = await f.call('reviews.create', { pullRequestUrl: pr.url });
  await expect(
    f.call('reviews.create', { pullRequestUrl: pr.url.replace('acme/api', 'ACME/Api') }),
  ).rejects.toMatchObject({ code: 'CONFLICT' });
  await finished(review.latestRun!);
});

async function waitUntil(condition: () => boolean): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function waitForAgent(): Promise<number> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const pid = readFakeState(f.sshd, f.homes).agentPid;
    if (pid && isRunning(pid)) return pid;
    if (Date.now() > deadline) throw new Error('no agent started');
    await new Promise((r) => setTimeout(r, 100));
  }
}
