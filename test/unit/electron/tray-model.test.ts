import { describe, expect, it } from 'vitest';
import type { Dispatch, Task } from '@shared/contract';
import { buildTrayModel } from '../../../src/main/core/services/tray-model';
import type { Repositories, StoredReview } from '../../../src/main/core/repositories';
import { review, reviewRun, run } from '../renderer/run-fixtures';
import { at, task } from '../renderer/fixtures';

/** The three repositories the tray reads, answering from plain lists (runs newest first in one page, as the core lists them). */
function repos(runs: Dispatch[], tasks: Task[], reviews: StoredReview[]) {
  return {
    dispatches: { list: () => ({ items: runs, next: null }) },
    tasks: { get: (taskId: string) => tasks.find((t) => t.id === taskId) ?? null },
    reviews: { get: (reviewId: string) => reviews.find((r) => r.id === reviewId) ?? null },
  } as unknown as Pick<Repositories, 'dispatches' | 'tasks' | 'reviews'>;
}

describe('tray model', () => {
  it('names review runs by their pull request, and task runs by their task', () => {
    const model = buildTrayModel(
      repos(
        [
          reviewRun(4, 7, { status: 'running' }),
          reviewRun(3, 9, { status: 'succeeded', finishedAt: at(6) }),
          run(2, 1, { status: 'succeeded', finishedAt: at(5) }),
        ],
        [task(1, { title: 'Fix the login' })],
        [review(7)],
      ),
    );
    expect(model.state).toBe('running');
    expect(model.active.map((r) => r.title)).toEqual(['Review of acme/api#7']);
    expect(model.recent.map((r) => r.title)).toEqual(['Deleted review', 'Fix the login']);
  });

  it('asks for attention for open tasks only: a failed review has no task to close', () => {
    const failedReview = buildTrayModel(
      repos([reviewRun(1, 7, { status: 'failed', finishedAt: at(2) })], [], [review(7)]),
    );
    expect(failedReview.state).toBe('idle');
    const failedTask = buildTrayModel(
      repos([run(2, 1, { status: 'failed', finishedAt: at(3) })], [task(1)], []),
    );
    expect(failedTask.state).toBe('attention');
  });
});
