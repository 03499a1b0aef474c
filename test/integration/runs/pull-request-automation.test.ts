import { afterAll, beforeAll, expect, it } from 'vitest';
import type { AutomationEvent, Dispatch, Project, Task } from '@shared/contract';
import { parsePullRequestUrl } from '@shared/domain/review';
import {
  createPullRequest,
  mergePullRequest,
  pushToPullRequest,
  readPullRequestComments,
  readPullRequestReviews,
  replyToReviewComment,
  setCheck,
  setPullRequestState,
  submitReview,
  type PullRequestRef,
} from '../../support/fake-cli/github-fixture';
import { startRunFixture, type RunFixture } from '../../support/run-fixture';

let f: RunFixture;
const MAIN_USER = 'octo-lead';
const FINAL = ['succeeded', 'failed', 'blocked', 'canceled'] as const;

beforeAll(async () => {
  f = await startRunFixture({ maxConcurrent: 3 });
  await f.call('settings.update', { githubMainUser: MAIN_USER });
});
afterAll(() => f.close());

/** A task with a finished run that opened a pull request. */
async function taskWithPullRequest(
  title: string,
  project?: Project,
): Promise<{ task: Task; run: Dispatch; pr: PullRequestRef }> {
  f.outcome('success');
  const task = await f.call('tasks.create', { projectId: (project ?? f.project).id, title });
  const queued = await f.call('dispatches.queue', { taskId: task.id });
  const run = await f.waitFor(queued.id, [...FINAL], 60_000);
  expect(run.status, run.errorText).toBe('succeeded');
  const ref = parsePullRequestUrl(run.pullRequestUrl!)!;
  return { task, run, pr: { owner: ref.owner, name: ref.name, number: ref.number } };
}

/** A task whose finished run is recorded with this PR (no agent run needed). */
async function taskWithRecordedPullRequest(title: string, url: string): Promise<Task> {
  const task = await f.newTask(title);
  const run = f.core.repos.dispatches.create({ taskId: task.id, runnerId: f.runner.id, agent: 'codex' });
  f.core.repos.dispatches.update(run.id, {
    status: 'preparing',
    startedAt: new Date(Date.now() - 60_000).toISOString(),
  });
  f.core.repos.dispatches.update(run.id, { status: 'succeeded', pullRequestUrl: url });
  return task;
}

/** The project's settings as an upsert, with some changed. */
function projectWith(changes: Partial<Project>) {
  const { createdAt: _created, updatedAt: _updated, ...fields } = { ...f.project, ...changes };
  return fields;
}

async function automate(taskId?: string): Promise<AutomationEvent[]> {
  return f.call('automation.run', taskId ? { taskId } : {});
}

/** Now, a second after the run started at the latest (GitHub stamps reviews to the second). */
async function now(): Promise<string> {
  await new Promise((r) => setTimeout(r, 1100));
  return new Date().toISOString();
}

it('follows up the main user’s requested changes once, quoting the review and its inline comments', async () => {
  const { task, run, pr } = await taskWithPullRequest('Harden the session refresh');
  submitReview(
    f.sshd,
    pr,
    {
      user: MAIN_USER,
      state: 'CHANGES_REQUESTED',
      body: 'The refresh races with logout.',
      submittedAt: await now(),
      comments: [{ path: 'FAKE_CHANGES.md', line: 1, body: 'Say why here.' }],
    },
    f.homes,
  );
  const [decision] = await automate(task.id);
  expect(decision).toMatchObject({
    outcome: 'queued-follow-up',
    taskId: task.id,
    pullRequestUrl: run.pullRequestUrl,
  });
  const followUp = f.core.repos.dispatches.get(decision!.dispatchId!)!;
  expect(followUp.followUpRequest).toContain('> The refresh races with logout.');
  expect(followUp.followUpRequest).toContain('`FAKE_CHANGES.md:1`');
  expect(followUp.followUpRequest).toContain('> Say why here.');
  expect(followUp.branch).toBe(run.branch);

  // While it runs, the task is left alone; once it ran, the same review is old news.
  expect((await automate(task.id))[0]).toMatchObject({ outcome: 'skipped-active' });
  await f.waitFor(followUp.id, [...FINAL], 60_000);
  const after = await automate(task.id);
  expect(after.map((e) => e.outcome)).toEqual(['requested-review']);
  const log = await f.call('automation.log', { taskId: task.id });
  expect(log.map((e) => e.outcome)).toEqual(['requested-review', 'skipped-active', 'queued-follow-up']);
});

it('ignores reviews by someone else and reviews from before the latest run', async () => {
  const { task, pr } = await taskWithPullRequest('Only the main user counts');
  submitReview(
    f.sshd,
    pr,
    { user: 'drive-by', state: 'CHANGES_REQUESTED', body: 'Nope.', submittedAt: await now() },
    f.homes,
  );
  submitReview(
    f.sshd,
    pr,
    { user: MAIN_USER, state: 'COMMENTED', body: 'Old.', submittedAt: '2020-01-01T00:00:00.000Z' },
    f.homes,
  );
  const events = await automate(task.id);
  expect(events.map((e) => e.outcome)).toEqual(['requested-review']);
  expect(f.core.repos.dispatches.listForTask(task.id)).toHaveLength(1);
});

it('asks for a review exactly once per head, and again after a push', async () => {
  const pr = createPullRequest(f.sshd, { owner: 'acme', name: 'api' }, { title: 'Ask once' }, f.homes);
  const task = await taskWithRecordedPullRequest('Ask once', pr.url);
  expect((await automate(task.id)).map((e) => e.outcome)).toEqual(['requested-review']);
  expect((await automate(task.id)).map((e) => e.outcome)).toEqual(['no-new-feedback']);
  const ref = { owner: 'acme', name: 'api', number: pr.number };
  const comments = readPullRequestComments(f.sshd, ref, f.homes);
  expect(comments).toHaveLength(1);
  expect(comments[0]!.body).toContain(`@${MAIN_USER}`);
  pushToPullRequest(f.sshd, ref, { files: { 'NOTES.md': 'more\n' } }, f.homes);
  expect((await automate(task.id)).map((e) => e.outcome)).toEqual(['requested-review']);
  expect(readPullRequestComments(f.sshd, ref, f.homes)).toHaveLength(2);
});

it('skips a closed pull request, and shows a merge within one pass', async () => {
  const closed = await taskWithPullRequest('Closed one');
  setPullRequestState(f.sshd, closed.pr, 'CLOSED', f.homes);
  expect((await automate(closed.task.id)).map((e) => e.outcome)).toEqual(['skipped-closed']);

  const merged = await taskWithPullRequest('Merged one');
  mergePullRequest(f.sshd, merged.pr, f.homes);
  await automate(merged.task.id);
  const statuses = await f.call('pullRequests.status');
  expect(statuses.find((s) => s.taskId === merged.task.id)).toMatchObject({
    state: 'merged',
    url: merged.run.pullRequestUrl,
  });
  expect(statuses.find((s) => s.taskId === closed.task.id)).toMatchObject({ state: 'closed' });
});

it('closes the task of a merged pull request when its project asks for it', async () => {
  const project = await f.call('projects.upsert', projectWith({ closeOnMerge: true }));
  try {
    const { task, pr } = await taskWithPullRequest('Close me on merge', project);
    mergePullRequest(f.sshd, pr, f.homes);
    expect((await automate(task.id))[0]).toMatchObject({
      outcome: 'skipped-closed',
      detail: expect.stringContaining('closed'),
    });
    expect(f.core.repos.tasks.get(task.id)?.status).toBe('closed');
  } finally {
    await f.call('projects.upsert', projectWith({ closeOnMerge: false }));
  }
});

it('follows up failing checks with their log, once per head, and stops after the project’s number', async () => {
  const project = await f.call(
    'projects.upsert',
    projectWith({ followUpFailingChecks: true, maxCheckFixes: 2 }),
  );
  await f.call('settings.update', { githubMainUser: '' });
  try {
    const { task, pr } = await taskWithPullRequest('Make CI green', project);
    setCheck(f.sshd, pr, { name: 'lint', conclusion: 'SUCCESS' }, f.homes);
    expect((await automate(task.id)).map((e) => e.outcome)).toEqual(['no-new-feedback']);

    for (const attempt of [1, 2]) {
      setCheck(
        f.sshd,
        pr,
        {
          name: 'test',
          conclusion: 'FAILURE',
          log: `FAIL src/login.test.ts (attempt ${attempt})\nexpected 200, got 500`,
        },
        f.homes,
      );
      const [fix] = await automate(task.id);
      expect(fix).toMatchObject({ outcome: 'queued-check-fix' });
      const run = f.core.repos.dispatches.get(fix!.dispatchId!)!;
      expect(run.followUpRequest).toContain('test');
      expect(run.followUpRequest).toContain(`expected 200, got 500`);
      // Never two follow-ups for one head.
      const done = await f.waitFor(run.id, [...FINAL], 60_000);
      expect(done.status, done.errorText).toBe('succeeded');
      // Its push is a new head without checks yet: nothing to do until they report.
      expect((await automate(task.id)).map((e) => e.outcome)).toEqual(['no-new-feedback']);
    }
    setCheck(f.sshd, pr, { name: 'test', conclusion: 'FAILURE', log: 'still red' }, f.homes);
    expect((await automate(task.id)).map((e) => e.outcome)).toEqual(['check-fix-limit']);
    expect((await automate(task.id)).map((e) => e.outcome)).toEqual(['no-new-feedback']);
    expect(f.core.repos.dispatches.listForTask(task.id)).toHaveLength(3);
  } finally {
    await f.call('settings.update', { githubMainUser: MAIN_USER });
    await f.call('projects.upsert', projectWith({ followUpFailingChecks: false }));
  }
});

it('does not take the agent’s replies in the user’s name for new feedback, but the user’s own reply', async () => {
  // The runner's gh is the main user's own account: the agent's replies carry the user's login.
  const self = 'sortie-bot';
  await f.call('settings.update', { githubMainUser: self });
  try {
    const { task, pr } = await taskWithPullRequest('Answer in the threads');
    submitReview(
      f.sshd,
      pr,
      {
        user: self,
        state: 'COMMENTED',
        body: 'Two things.',
        submittedAt: await now(),
        comments: [{ path: 'FAKE_CHANGES.md', line: 1, body: 'Explain this line.' }],
      },
      f.homes,
    );
    const [queued] = await automate(task.id);
    expect(queued).toMatchObject({ outcome: 'queued-follow-up' });
    const asked = readPullRequestReviews(f.sshd, pr, f.homes)[0]!.comments[0]!;
    // The follow-up answers the comment in its thread, as agents are asked to.
    const followUp = await f.waitFor(queued!.dispatchId!, [...FINAL], 60_000);
    replyToReviewComment(f.sshd, pr, { user: self, commentId: asked.id, body: 'Explained it.' }, f.homes);
    const next = await automate(task.id);
    expect(next.map((e) => e.outcome)).toEqual(['requested-review']);
    expect(f.core.repos.dispatches.listForTask(task.id)).toHaveLength(2);

    // A reply the user writes after the run ended is feedback.
    const later = new Date(Date.parse(followUp.finishedAt!) + 5 * 60_000).toISOString();
    replyToReviewComment(
      f.sshd,
      pr,
      { user: self, commentId: asked.id, body: 'Not enough: add an example.', at: later },
      f.homes,
    );
    const [again] = await automate(task.id);
    expect(again).toMatchObject({ outcome: 'queued-follow-up' });
    const second = f.core.repos.dispatches.get(again!.dispatchId!)!;
    expect(second.followUpRequest).toContain('> Not enough: add an example.');
    expect(second.followUpRequest).not.toContain('Explained it.');
    await f.waitFor(second.id, [...FINAL], 60_000);
  } finally {
    await f.call('settings.update', { githubMainUser: MAIN_USER });
  }
});

it('acts on required checks only, reads each failed job’s log, and counts fixes again after a green head', async () => {
  const project = await f.call(
    'projects.upsert',
    projectWith({ followUpFailingChecks: true, maxCheckFixes: 1 }),
  );
  await f.call('settings.update', { githubMainUser: '' });
  try {
    const { task, pr } = await taskWithPullRequest('Only what blocks the merge', project);
    setCheck(f.sshd, pr, { name: 'lint', conclusion: 'FAILURE', required: false, log: 'style' }, f.homes);
    setCheck(f.sshd, pr, { name: 'test', conclusion: 'SUCCESS' }, f.homes);
    expect((await automate(task.id)).map((e) => e.outcome)).toEqual(['no-new-feedback']);

    setCheck(f.sshd, pr, { name: 'test', conclusion: 'FAILURE', log: 'FAIL unit: expected 1' }, f.homes);
    setCheck(f.sshd, pr, { name: 'e2e', conclusion: 'FAILURE', log: 'FAIL e2e: no login button' }, f.homes);
    const [fix] = await automate(task.id);
    expect(fix).toMatchObject({ outcome: 'queued-check-fix' });
    const request = f.core.repos.dispatches.get(fix!.dispatchId!)!.followUpRequest;
    expect(request).toContain('FAIL unit: expected 1');
    expect(request).toContain('FAIL e2e: no login button');
    expect(request).not.toContain('style');
    await f.waitFor(fix!.dispatchId!, [...FINAL], 60_000);

    // The fix's head goes green: the count starts again, so the next failure is followed up.
    setCheck(f.sshd, pr, { name: 'test', conclusion: 'SUCCESS' }, f.homes);
    setCheck(f.sshd, pr, { name: 'e2e', conclusion: 'SUCCESS' }, f.homes);
    expect((await automate(task.id)).map((e) => e.outcome)).toEqual(['no-new-feedback']);
    pushToPullRequest(f.sshd, pr, { files: { 'NOTES.md': 'a human pushed\n' } }, f.homes);
    setCheck(f.sshd, pr, { name: 'test', conclusion: 'FAILURE', log: 'FAIL again' }, f.homes);
    const [second] = await automate(task.id);
    expect(second).toMatchObject({ outcome: 'queued-check-fix' });
    await f.waitFor(second!.dispatchId!, [...FINAL], 60_000);
  } finally {
    await f.call('settings.update', { githubMainUser: MAIN_USER });
    await f.call('projects.upsert', projectWith({ followUpFailingChecks: false, maxCheckFixes: 2 }));
  }
});

it('shows every pull request of a task, and acts only on the one its latest run works on', async () => {
  const older = createPullRequest(f.sshd, { owner: 'acme', name: 'api' }, { title: 'First try' }, f.homes);
  const newer = createPullRequest(f.sshd, { owner: 'acme', name: 'api' }, { title: 'Second try' }, f.homes);
  const task = await f.newTask('Two pull requests');
  for (const url of [older.url, newer.url]) {
    const run = f.core.repos.dispatches.create({ taskId: task.id, runnerId: f.runner.id, agent: 'codex' });
    f.core.repos.dispatches.update(run.id, { status: 'preparing', startedAt: new Date().toISOString() });
    f.core.repos.dispatches.update(run.id, { status: 'succeeded', pullRequestUrl: url });
    await new Promise((r) => setTimeout(r, 5));
  }
  const events = await automate(task.id);
  expect(events.map((e) => [e.pullRequestUrl, e.outcome])).toEqual([[newer.url, 'requested-review']]);
  const statuses = await f.call('pullRequests.status');
  expect(
    statuses
      .filter((s) => s.taskId === task.id)
      .map((s) => s.url)
      .sort(),
  ).toEqual([older.url, newer.url].sort());
  expect(
    readPullRequestComments(f.sshd, { owner: 'acme', name: 'api', number: older.number }, f.homes),
  ).toEqual([]);

  // A latest run without a pull request (a new one that failed) leaves them all alone.
  const failed = f.core.repos.dispatches.create({ taskId: task.id, runnerId: f.runner.id, agent: 'codex' });
  f.core.repos.dispatches.update(failed.id, { status: 'preparing', startedAt: new Date().toISOString() });
  f.core.repos.dispatches.update(failed.id, { status: 'failed' });
  expect(await automate(task.id)).toEqual([]);
});

it('reads twenty pull requests on one runner in one remote call', async () => {
  // Tasks whose finished run has a PR, recorded directly: twenty agent runs add nothing here.
  const tasks: Task[] = [];
  for (let i = 0; i < 20; i++) {
    const created = createPullRequest(
      f.sshd,
      { owner: 'acme', name: 'api' },
      { title: `Batch ${i}` },
      f.homes,
    );
    const task = await f.newTask(`Batch ${i}`);
    const run = f.core.repos.dispatches.create({ taskId: task.id, runnerId: f.runner.id, agent: 'codex' });
    f.core.repos.dispatches.update(run.id, {
      status: 'preparing',
      startedAt: new Date(Date.now() - 60_000).toISOString(),
    });
    f.core.repos.dispatches.update(run.id, { status: 'succeeded', pullRequestUrl: created.url });
    tasks.push(task);
  }
  const host = f.core.pool.host(f.core.repos.runners.get(f.runner.id)!);
  const scripts: string[] = [];
  const run = host.run.bind(host);
  host.run = (script, ...rest) => {
    scripts.push(typeof script === 'string' ? script : script.name);
    return run(script, ...rest);
  };
  try {
    await f.call('settings.update', { githubMainUser: '' });
    const events = await automate();
    expect(scripts.filter((s) => s === 'read-pull-requests')).toHaveLength(1);
    const batch = new Set(tasks.map((t) => t.id));
    expect(events.filter((e) => batch.has(e.taskId)).map((e) => e.outcome)).toEqual(
      Array(20).fill('no-new-feedback'),
    );
  } finally {
    host.run = run;
    await f.call('settings.update', { githubMainUser: MAIN_USER });
  }
});
