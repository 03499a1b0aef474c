import { describe, expect, it } from 'vitest';
import type { Repositories } from '../../../src/main/core/repositories';
import { expectAppError, makeProject, makeRunner, makeTask, useDatabase } from './helpers';

const SHA = 'a'.repeat(40);

function makeReview(repos: Repositories, number: number) {
  return repos.reviews.create({
    pullRequestUrl: `https://github.com/me/sortie/pull/${number}`,
    repository: 'me/sortie',
    pullRequestNumber: number,
    agent: 'codex',
  });
}

describe('review repositories', () => {
  const env = useDatabase();

  it('creates reviews, lists them newest first, and refuses a second review of one pull request', () => {
    const { repos, clock } = env();
    const first = makeReview(repos, 1);
    clock.advance(10);
    const second = makeReview(repos, 2);
    expect(first).toMatchObject({ title: '', projectId: null, runnerId: null, headSha: '', agent: 'codex' });
    expect(repos.reviews.list().map((r) => r.id)).toEqual([second.id, first.id]);
    expect(repos.reviews.getByPullRequest(first.pullRequestUrl)?.id).toBe(first.id);
    expectAppError(() => makeReview(repos, 1), 'CONFLICT', 'pullRequestUrl');
  });

  it('updates a review and detaches it from a removed project or runner', () => {
    const { repos, clock } = env();
    const project = makeProject(repos, 'sortie');
    const runner = makeRunner(repos, 'box');
    const review = makeReview(repos, 1);
    clock.advance(1000);
    const updated = repos.reviews.update(review.id, {
      projectId: project.id,
      runnerId: runner.id,
      title: 'Fix',
    });
    expect(updated).toMatchObject({
      projectId: project.id,
      runnerId: runner.id,
      title: 'Fix',
      updatedAt: clock.iso(),
    });
    expect(repos.reviews.get(review.id)).toEqual(updated);

    repos.projects.remove(project.id);
    repos.runners.remove(runner.id);
    expect(repos.reviews.get(review.id)).toMatchObject({ projectId: null, runnerId: null });
  });

  it('refuses links to unknown projects or runners', () => {
    const { repos } = env();
    const review = makeReview(repos, 1);
    expectAppError(
      () => repos.reviews.update(review.id, { projectId: 'prj_00000000000000000000' }),
      'NOT_FOUND',
      'projectId',
    );
    expectAppError(
      () => repos.reviews.update(review.id, { runnerId: 'rnr_00000000000000000000' }),
      'NOT_FOUND',
      'runnerId',
    );
  });

  it('keeps review runs as runs of kind review, newest first, removed with their review', () => {
    const { repos, clock } = env();
    const runner = makeRunner(repos, 'box');
    const review = makeReview(repos, 1);
    const other = makeReview(repos, 2);
    const first = repos.dispatches.create({
      reviewId: review.id,
      projectId: null,
      headSha: SHA,
      runnerId: runner.id,
      agent: 'claude',
    });
    clock.advance(10);
    const second = repos.dispatches.create({
      reviewId: review.id,
      projectId: null,
      headSha: SHA,
      runnerId: runner.id,
      agent: 'codex',
    });
    repos.dispatches.create({
      reviewId: other.id,
      projectId: null,
      headSha: SHA,
      runnerId: runner.id,
      agent: 'codex',
    });
    expect(first).toMatchObject({
      kind: 'review',
      taskId: null,
      reviewId: review.id,
      headSha: SHA,
      status: 'queued',
      reviewSubmitted: false,
    });
    expect(repos.dispatches.listForReview(review.id).map((r) => r.id)).toEqual([second.id, first.id]);
    expect(repos.dispatches.latestForReviews().get(review.id)?.id).toBe(second.id);

    repos.dispatches.update(first.id, { status: 'preparing' });
    const done = repos.dispatches.update(first.id, {
      status: 'succeeded',
      reviewSubmitted: true,
      githubReviewId: '7',
      githubReviewUrl: 'https://github.com/me/sortie/pull/1#pullrequestreview-7',
    });
    expect(repos.dispatches.get(first.id)).toEqual(done);

    repos.reviews.remove(review.id);
    expect(repos.dispatches.get(first.id)).toBeNull();
    expect(repos.dispatches.listForReview(other.id)).toHaveLength(1);
  });

  it('queues review runs with medium-priority tasks, oldest first', () => {
    const { repos, clock } = env();
    const runner = makeRunner(repos, 'box');
    const project = makeProject(repos, 'api');
    const low = repos.tasks.update(makeTask(repos, project.id, 'Low').id, { priority: 'low' });
    const lowRun = repos.dispatches.create({ taskId: low.id, runnerId: runner.id, agent: 'codex' });
    clock.advance(10);
    const reviewRun = repos.dispatches.create({
      reviewId: makeReview(repos, 1).id,
      projectId: null,
      headSha: SHA,
      runnerId: runner.id,
      agent: 'codex',
    });
    clock.advance(10);
    const medium = makeTask(repos, project.id, 'Medium');
    const mediumRun = repos.dispatches.create({ taskId: medium.id, runnerId: runner.id, agent: 'codex' });
    expect(repos.dispatches.listQueued().map((d) => d.id)).toEqual([reviewRun.id, mediumRun.id, lowRun.id]);
  });

  it('reports unknown ids as NOT_FOUND', () => {
    const { repos } = env();
    expectAppError(() => repos.reviews.update('rev_00000000000000000000', {}), 'NOT_FOUND');
    expectAppError(() => repos.reviews.remove('rev_00000000000000000000'), 'NOT_FOUND');
    expectAppError(
      () =>
        repos.dispatches.create({
          reviewId: 'rev_00000000000000000000',
          projectId: null,
          headSha: SHA,
          runnerId: null,
          agent: 'codex',
        }),
      'NOT_FOUND',
      'reviewId',
    );
  });
});
