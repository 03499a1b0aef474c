import { describe, expect, it } from 'vitest';
import { reviewRunSchema, reviewSchema } from '@shared/contract/reviews';
import type { Repositories } from '../../../src/main/core/repositories';
import { expectAppError, makeProject, makeRunner, useDatabase } from './helpers';

function makeReview(repos: Repositories, number: number) {
  return repos.reviews.create({
    pullRequestUrl: `https://github.com/me/sortie/pull/${number}`,
    repository: 'me/sortie',
    pullRequestNumber: number,
  });
}

describe('review repositories', () => {
  const env = useDatabase();

  it('creates open reviews and lists them newest first', () => {
    const { repos, clock } = env();
    const first = makeReview(repos, 1);
    clock.advance(10);
    const second = makeReview(repos, 2);
    expect(reviewSchema.parse(first)).toEqual(first);
    expect(first).toMatchObject({ status: 'open', title: '', projectId: null, runnerId: null });
    expect(repos.reviews.list().map((r) => r.id)).toEqual([second.id, first.id]);
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

  it('keeps runs per review, newest first, and removes them with the review', () => {
    const { repos, clock } = env();
    const review = makeReview(repos, 1);
    const other = makeReview(repos, 2);
    const first = repos.reviewRuns.create({ reviewId: review.id, headSha: 'abc' });
    clock.advance(10);
    const second = repos.reviewRuns.create({ reviewId: review.id });
    repos.reviewRuns.create({ reviewId: other.id });
    expect(reviewRunSchema.parse(first)).toEqual(first);
    expect(first).toMatchObject({ status: 'queued', headSha: 'abc', finishedAt: null });
    expect(repos.reviewRuns.list(review.id).map((r) => r.id)).toEqual([second.id, first.id]);

    clock.advance(10);
    const done = repos.reviewRuns.update(first.id, {
      status: 'succeeded',
      summary: 'LGTM',
      finishedAt: clock.iso(),
    });
    expect(repos.reviewRuns.get(first.id)).toEqual(done);
    expect(done).toMatchObject({ status: 'succeeded', summary: 'LGTM', createdAt: first.createdAt });

    repos.reviews.remove(review.id);
    expect(repos.reviewRuns.get(first.id)).toBeNull();
    expect(repos.reviewRuns.list(other.id)).toHaveLength(1);
  });

  it('reports unknown ids as NOT_FOUND', () => {
    const { repos } = env();
    expectAppError(() => repos.reviews.update('rev_00000000000000000000', {}), 'NOT_FOUND');
    expectAppError(() => repos.reviews.remove('rev_00000000000000000000'), 'NOT_FOUND');
    expectAppError(
      () => repos.reviewRuns.create({ reviewId: 'rev_00000000000000000000' }),
      'NOT_FOUND',
      'reviewId',
    );
    expectAppError(() => repos.reviewRuns.update('rvr_00000000000000000000', {}), 'NOT_FOUND');
    expectAppError(() => repos.reviewRuns.remove('rvr_00000000000000000000'), 'NOT_FOUND');
  });
});
