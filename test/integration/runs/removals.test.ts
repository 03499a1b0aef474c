import type { EventName, EventPayload } from '@shared/contract';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { createPullRequest, createUpstreamRepo } from '../../support/fake-cli/github-fixture';
import { startRunFixture, type RunFixture } from '../../support/run-fixture';

// Every window learns from the core which runs were deleted, cascades included.
let f: RunFixture;
const heard: { name: EventName; payload: unknown }[] = [];
beforeAll(async () => {
  f = await startRunFixture({ maxConcurrent: 3 });
  f.core.bus.subscribe((name, payload) => {
    if (name === 'dispatch.removed' || name === 'task.changed' || name === 'review.updated')
      heard.push({ name, payload });
  });
});
afterAll(() => f.close());
beforeEach(() => {
  heard.length = 0;
  f.outcome('success');
});

const FINAL = ['succeeded', 'failed', 'blocked', 'canceled'] as const;

/** The run ids each `dispatch.removed` heard named, one list per event. */
function removals(): string[][] {
  return heard
    .filter((e) => e.name === 'dispatch.removed')
    .map((e) => [...(e.payload as EventPayload<'dispatch.removed'>).dispatchIds].sort());
}

/** A task with two finished runs (a first run and a follow-up). */
async function taskWithTwoRuns(title: string, projectId = f.project.id) {
  const task = await f.call('tasks.create', { projectId, title });
  const first = await f.call('dispatches.queue', { taskId: task.id });
  await f.waitFor(first.id, [...FINAL]);
  const second = await f.call('dispatches.followUp', { taskId: task.id, request: 'And the docs.' });
  await f.waitFor(second.id, [...FINAL]);
  return { task, runIds: [first.id, second.id].sort() };
}

it('deleting a task names the runs that went with it, before the task itself', async () => {
  const { task, runIds } = await taskWithTwoRuns('Deleted with its runs');
  const other = await taskWithTwoRuns('Stays');
  heard.length = 0;

  await f.call('tasks.delete', { id: task.id });
  expect(removals()).toEqual([runIds]);
  expect(heard.map((e) => e.name)).toEqual(['dispatch.removed', 'task.changed']);
  expect(runIds.map((id) => f.core.repos.dispatches.get(id))).toEqual([null, null]);
  expect(other.runIds.every((id) => f.core.repos.dispatches.get(id) !== null)).toBe(true);
});

it('discarding a task history names the runs it forgot', async () => {
  const { task, runIds } = await taskWithTwoRuns('History discarded');
  heard.length = 0;
  const { removed } = await f.call('dispatches.discardHistory', { taskId: task.id });
  expect(removed).toBe(2);
  expect(removals()).toEqual([runIds]);
  // Nothing left to forget: no event naming no run.
  heard.length = 0;
  await f.call('dispatches.discardHistory', { taskId: task.id });
  expect(removals()).toEqual([]);
});

it('deleting a project names the runs of all its tasks', async () => {
  createUpstreamRepo(f.sshd, { owner: 'acme', name: 'gone', baseBranch: 'main' }, f.homes);
  const project = await f.call('projects.upsert', {
    name: 'gone',
    repoUrl: 'https://github.com/acme/gone',
    gitUrl: `${f.homes.ghHome}/repos/acme/gone.git`,
    baseBranch: 'main',
  });
  const a = await taskWithTwoRuns('First of the project', project.id);
  const b = await taskWithTwoRuns('Second of the project', project.id);
  const kept = await taskWithTwoRuns('In another project');
  heard.length = 0;

  await f.call('projects.remove', { id: project.id });
  expect(removals()).toEqual([[...a.runIds, ...b.runIds].sort()]);
  expect(kept.runIds.every((id) => f.core.repos.dispatches.get(id) !== null)).toBe(true);
});

it('deleting a review names its runs, before the review itself', async () => {
  await f.call('settings.update', { githubMainUser: 'octo-lead' });
  const pr = createPullRequest(
    f.sshd,
    { owner: 'acme', name: 'api' },
    { title: 'Reviewed then deleted', files: { 'src/reviewed.txt': 'reviewed\n' } },
    f.homes,
  );
  const review = await f.call('reviews.create', { pullRequestUrl: pr.url });
  await f.waitFor(review.latestRun!.id, [...FINAL], 60_000);
  const again = await f.call('reviews.rerun', { reviewId: review.id });
  await f.waitFor(again.id, [...FINAL], 60_000);
  heard.length = 0;

  await f.call('reviews.delete', { reviewId: review.id });
  expect(removals()).toEqual([[review.latestRun!.id, again.id].sort()]);
  const names = heard.map((e) => e.name);
  expect(names.indexOf('dispatch.removed')).toBeLessThan(names.lastIndexOf('review.updated'));
  expect(heard.at(-1)).toEqual({ name: 'review.updated', payload: { reviewId: review.id, review: null } });
});
