import { describe, expect, it } from 'vitest';
import type { Dispatch } from '@shared/contract';
import { checkPullRequestUrl, reviewCreateInput } from '@renderer/features/reviews/review-form';
import { NEW_REVIEW_HREF, hrefForReview, navPage, routeFromHash } from '@renderer/lib/route';
import { emptyCollection } from '@renderer/stores/collection';
import { applyRunUpdate, latestRunByTask, removeRuns, runsOf } from '@renderer/stores/dispatch-state';
import {
  reviewLabel,
  shortSha,
  submittedReview,
  submittedReviewLink,
  succeededWithoutReview,
} from '@renderer/stores/review-labels';
import { buildRunRows, sortRunRows } from '@renderer/stores/runs-table';
import { at, id, project, runner, task } from './fixtures';
import { review, reviewRun, run, runId } from './run-fixtures';

const byId = <T extends { id: string }>(items: T[]) => Object.fromEntries(items.map((x) => [x.id, x]));

describe('review routes', () => {
  it('opens a review at #/reviews/<id>, under the Reviews entry', () => {
    const reviewId = id('rev', 3);
    const route = routeFromHash(hrefForReview(reviewId));
    expect(route).toEqual({ page: 'review', reviewId });
    expect(navPage(route)).toBe('reviews');
    expect(routeFromHash('#/reviews')).toEqual({ page: 'reviews' });
    expect(routeFromHash('#/reviews/not-an-id')).toEqual({ page: 'reviews' });
  });

  it('asks for the Reviews page with its URL field focused in one word, as ui.navigate allows', () => {
    expect(NEW_REVIEW_HREF).toMatch(/^#\/[a-z]+$/);
    const route = routeFromHash(NEW_REVIEW_HREF);
    expect(route).toEqual({ page: 'new-review' });
    expect(navPage(route)).toBe('reviews');
  });
});

describe('the new review form', () => {
  it('accepts a GitHub pull request URL as typed, trailing parts and spaces included', () => {
    const check = checkPullRequestUrl('  https://github.com/acme/api/pull/12/files?w=1 ');
    expect(check.problem).toBe('');
    expect(check.pullRequest).toMatchObject({ owner: 'acme', name: 'api', number: 12 });
    expect(check.pullRequest?.url).toBe('https://github.com/acme/api/pull/12');
  });

  it('says nothing about an empty field, and why anything else is not a pull request', () => {
    expect(checkPullRequestUrl('   ')).toEqual({ pullRequest: null, problem: '' });
    expect(checkPullRequestUrl('https://github.com/acme/api/issues/12').problem).toMatch(
      /not a pull request/,
    );
    expect(checkPullRequestUrl('acme/api#12').problem).toMatch(/Paste a GitHub pull request URL/);
    expect(checkPullRequestUrl('https://gitlab.com/acme/api/pull/12').pullRequest).toBeNull();
  });

  it('sends the canonical URL, and extra instructions only when there are some', () => {
    const pullRequest = checkPullRequestUrl('https://github.com/acme/api/pull/12#top').pullRequest!;
    const base = { pullRequest, runnerId: id('rnr', 1), agent: 'claude' as const };
    expect(reviewCreateInput({ ...base, extraInstructions: '  \n' })).toEqual({
      pullRequestUrl: 'https://github.com/acme/api/pull/12',
      runnerId: id('rnr', 1),
      agent: 'claude',
    });
    expect(reviewCreateInput({ ...base, extraInstructions: ' Check the race. ' }).extraInstructions).toBe(
      'Check the race.',
    );
  });
});

describe('review labels', () => {
  it('names a review by its pull request and a commit by its short id', () => {
    expect(reviewLabel(review(7))).toBe('acme/api#7');
    expect(shortSha('a1b2c3d4e5f60718293a4b5c6d7e8f9012345678')).toBe('a1b2c3d');
    expect(shortSha('')).toBe('');
  });

  it('shows a submitted review only when the run says it submitted one', () => {
    const url = 'https://github.com/acme/api/pull/7#pullrequestreview-1';
    const done = reviewRun(1, 7, { status: 'succeeded', reviewSubmitted: true, githubReviewUrl: url });
    expect(submittedReview(done)).toBe(url);
    expect(succeededWithoutReview(done)).toBe(false);
    // The agent reported an address but submitted nothing: no review, and not a success.
    const claimed = { ...done, reviewSubmitted: false };
    expect(submittedReview(claimed)).toBeNull();
    expect(succeededWithoutReview(claimed)).toBe(true);
    // Submitted, without an address worth a link.
    expect(submittedReview({ ...done, githubReviewUrl: 'javascript:alert(1)' })).toBe('');
    expect(succeededWithoutReview(reviewRun(2, 7, { status: 'failed' }))).toBe(false);
    expect(submittedReviewLink(review(7, { submittedReviewUrl: url }))).toBe(url);
    expect(submittedReviewLink(review(7, { submittedReviewUrl: 'file:///etc/passwd' }))).toBeNull();
  });
});

describe('review runs among task runs', () => {
  it('leaves review runs out of the lanes, and keeps them apart by review', () => {
    const runs = byId([run(1, 1), reviewRun(2, 1), reviewRun(3, 1), reviewRun(4, 2)]);
    expect([...latestRunByTask(runs).keys()]).toEqual([id('tsk', 1)]);
    expect(runsOf(runs, id('rev', 1)).map((r) => r.id)).toEqual([runId(3), runId(2)]);
  });

  it('drops the review runs the core removed with their review, and ignores late events for them', () => {
    let c = applyRunUpdate(emptyCollection<Dispatch>(), run(1, 1));
    c = applyRunUpdate(c, reviewRun(2, 1));
    c = removeRuns(c, [runId(2), runId(3)]);
    c = applyRunUpdate(c, reviewRun(3, 1));
    expect(Object.keys(c.byId)).toEqual([runId(1)]);
    expect(runsOf(c.byId, id('rev', 1))).toEqual([]);
  });

  it('lists review runs on the Runs page by their pull request, sorted with the task titles', () => {
    const rows = buildRunRows(
      [run(1, 1, { startedAt: at(1) }), reviewRun(2, 7, { projectId: id('prj', 1), startedAt: at(2) })],
      byId([task(1, { title: 'Zeta' })]),
      byId([project(1, { name: 'api' })]),
      byId([runner(1)]),
      byId([review(7)]),
    );
    const reviewRow = rows.find((r) => r.run.kind === 'review')!;
    expect(reviewRow).toMatchObject({ taskTitle: null, reviewLabel: 'acme/api#7', projectName: 'api' });
    expect(rows.find((r) => r.run.kind === 'task')).toMatchObject({ taskTitle: 'Zeta', reviewLabel: null });
    const sorted = sortRunRows(rows, { key: 'task', direction: 'asc' }, Date.parse(at(30)));
    expect(sorted.map((r) => r.run.id)).toEqual([runId(2), runId(1)]);
    // A review not held (deleted meanwhile) leaves its run without a name, not without a row.
    expect(buildRunRows([reviewRun(3, 9)], {}, {}, {})[0]).toMatchObject({
      reviewLabel: null,
      projectName: null,
    });
  });
});
