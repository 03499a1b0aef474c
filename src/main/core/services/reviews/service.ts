import type { Dispatch, Review } from '@shared/contract';
import type { reviewCreateInput, reviewRerunInput } from '@shared/contract/reviews';
import { isCancellableDispatch, reviewBranchName, type AgentKind } from '@shared/domain/dispatch';
import { parsePullRequestUrl, type PullRequestRef } from '@shared/domain/review';
import type { z } from 'zod';
import type { Clock } from '../../clock';
import { AppError, notFound } from '../../errors';
import type { EventBus } from '../../events';
import type { IdSource } from '../../ids';
import type { Logger } from '../../logger';
import { firstLine } from '../../prompts';
import { readPullRequest, type PullRequestInfo, type RemotePool } from '../../remote';
import type { Repositories, StoredReview } from '../../repositories';
import { cancelRun } from '../dispatch/cancel-run';
import { reviewWorkspaceOn } from '../dispatch/launch-plan';
import type { RunMonitor } from '../dispatch/monitor';
import { runnerFor } from '../dispatch/prerequisites';
import type { DispatchRecorder } from '../dispatch/recorder';
import type { Scheduler } from '../dispatch/scheduler';
import type { StartGate } from '../dispatch/start-gate';
import { projectOfRepository, workspaceKeyFor } from './pull-request-source';
import { removeReviewTraces } from './review-cleanup';
import { removeWithRuns } from '../removed-runs';
import { reviewView, reviewViews } from './review-view';

export interface ReviewServiceDeps {
  repos: Repositories;
  bus: EventBus;
  pool: RemotePool;
  clock: Clock;
  ids: IdSource;
  logger: Logger;
  recorder: DispatchRecorder;
  gate: StartGate;
  scheduler: Scheduler;
  monitor: RunMonitor;
}

export type ReviewService = ReturnType<typeof createReviewService>;

/**
 * Pull request reviews (BEHAVIOR item 11): create from a PR URL, re-review, cancel, delete. Each
 * review run is a run of kind 'review' on the same queue, scheduler, launcher and monitor as task
 * runs; this service decides what to queue and keeps one active run per review (start gate).
 */
export function createReviewService(deps: ReviewServiceDeps) {
  const { repos, recorder, gate, scheduler, monitor, bus } = deps;

  function mustGet(reviewId: string): StoredReview {
    const review = repos.reviews.get(reviewId);
    if (!review) throw notFound('Review', reviewId);
    return review;
  }

  function publish(reviewId: string): void {
    const review = repos.reviews.get(reviewId);
    bus.publish('review.updated', { reviewId, review: review ? reviewView(repos, review) : null });
  }

  // Every change to a review run changes what its review shows (latest run, submitted review).
  bus.subscribe((name, payload) => {
    if (name !== 'dispatch.updated') return;
    const { dispatch } = payload as { dispatch: Dispatch };
    if (dispatch.reviewId) publish(dispatch.reviewId);
  });

  /** Reads the PR on the runner; only an open one may be reviewed. */
  async function readOpenPullRequest(runnerId: string | null, ref: PullRequestRef): Promise<PullRequestInfo> {
    const runner = runnerFor(repos, runnerId);
    const pr = await readPullRequest(deps.pool.host(runner), ref);
    if (pr.state !== 'open') {
      throw new AppError(
        'CONFLICT',
        `${ref.owner}/${ref.name}#${ref.number} is ${pr.state}: only open pull requests are reviewed.`,
        'pullRequestUrl',
      );
    }
    return pr;
  }

  /** Queues a run of the review pinned to `headSha`, in the workspace its runner lays out for it. */
  function queueRun(
    review: StoredReview,
    runnerId: string | null,
    agent: AgentKind,
    headSha: string,
    request: string,
  ): Dispatch {
    const runner = runnerFor(repos, runnerId);
    let place = reviewWorkspaceOn(repos, runner, review);
    if (!place) {
      // Its project was removed: the review gets a workspace of its own.
      review = repos.reviews.update(review.id, {
        projectId: null,
        workspaceKey: workspaceKeyFor(repos, review.repository),
      });
      place = reviewWorkspaceOn(repos, runner, review)!;
    }
    const id = deps.ids.next('dispatch');
    const run = repos.dispatches.create({
      id,
      reviewId: review.id,
      projectId: review.projectId,
      headSha,
      runnerId: runner.id,
      agent,
      followUpRequest: request,
      branch: reviewBranchName(id),
      worktreePath: place.workspace.worktree(id),
      runDir: place.workspace.runDir(id),
    });
    // The review is written for Settings' GitHub user of now (a review keeps its own if unset).
    const mainUser = repos.settings.get().githubMainUser || review.mainUser;
    repos.reviews.update(review.id, { headSha, runnerId: runner.id, agent, mainUser });
    const queued = recorder.update(run.id, {
      summary: request
        ? `Re-review: ${firstLine(request)}`
        : `Review of ${review.repository}#${review.pullRequestNumber} at ${headSha.slice(0, 7)}.`,
    });
    recorder.note(run.id, 'note', {
      text: `Review queued, pinned to commit ${headSha}.`,
    });
    scheduler.kick();
    return queued;
  }

  async function refuseIfActive(reviewId: string): Promise<void> {
    // The local record may be stale (the run may have finished remotely): look first.
    await monitor.refreshActive(repos.dispatches.listForReview(reviewId));
    const active = repos.dispatches.listForReview(reviewId).find(isCancellableDispatch);
    if (active) {
      throw new AppError(
        'CONFLICT',
        `This review already has an active run (${active.id}, ${active.status}). Cancel it or wait for it to finish.`,
      );
    }
  }

  return {
    list: (): Review[] => reviewViews(repos),

    get: (reviewId: string): Review => reviewView(repos, mustGet(reviewId)),

    history(reviewId: string): Dispatch[] {
      mustGet(reviewId);
      return repos.dispatches.listForReview(reviewId);
    },

    async create(input: z.output<typeof reviewCreateInput>): Promise<Review> {
      const ref = parsePullRequestUrl(input.pullRequestUrl)!;
      const mainUser = repos.settings.get().githubMainUser;
      if (mainUser === '') {
        throw new AppError(
          'VALIDATION_FAILED',
          'Set your GitHub user in Settings first: the review is written for them, and mentions them.',
          'githubMainUser',
        );
      }
      return gate.run(`review:${ref.url.toLowerCase()}`, async () => {
        const existing = repos.reviews.getByPullRequest(ref.url);
        if (existing) {
          throw new AppError(
            'CONFLICT',
            `${ref.owner}/${ref.name}#${ref.number} already has a review: re-review it instead.`,
            'pullRequestUrl',
          );
        }
        const runner = runnerFor(repos, input.runnerId);
        const pr = await readOpenPullRequest(runner.id, ref);
        const repository = `${ref.owner}/${ref.name}`;
        const project = projectOfRepository(repos, ref);
        const review = repos.reviews.create({
          pullRequestUrl: ref.url,
          repository,
          pullRequestNumber: ref.number,
          title: pr.title,
          baseBranch: pr.baseBranch,
          repoUrl: `https://github.com/${repository}`,
          gitUrl: project?.gitUrl ?? pr.cloneUrl ?? `https://github.com/${repository}.git`,
          projectId: project?.id ?? null,
          workspaceKey: project ? '' : workspaceKeyFor(repos, repository),
          runnerId: runner.id,
          agent: input.agent ?? runner.defaultAgent,
          mainUser,
          extraInstructions: input.extraInstructions ?? '',
          headSha: pr.headSha,
        });
        try {
          queueRun(review, runner.id, review.agent, pr.headSha, '');
        } catch (error) {
          removeWithRuns(deps, { reviewId: review.id }, () => repos.reviews.remove(review.id));
          throw error;
        }
        publish(review.id);
        return reviewView(repos, mustGet(review.id));
      });
    },

    rerun(input: z.output<typeof reviewRerunInput>): Promise<Dispatch> {
      return gate.run(input.reviewId, async () => {
        const review = mustGet(input.reviewId);
        await refuseIfActive(review.id);
        const ref = parsePullRequestUrl(review.pullRequestUrl);
        if (!ref)
          throw new AppError(
            'CONFLICT',
            `The review's pull request URL ${review.pullRequestUrl} is not valid.`,
          );
        // The runner of the earlier runs, unless it was removed.
        const runnerId = review.runnerId && repos.runners.get(review.runnerId) ? review.runnerId : null;
        const pr = await readOpenPullRequest(runnerId, ref);
        const updated = repos.reviews.update(review.id, { title: pr.title, baseBranch: pr.baseBranch });
        return queueRun(updated, runnerId, review.agent, pr.headSha, input.request ?? '');
      });
    },

    /** Cancels the review's active run, or only the run `dispatchId` when given. */
    cancel(reviewId: string, dispatchId?: string): Promise<Dispatch> {
      return gate.run(reviewId, async () => {
        mustGet(reviewId);
        const active = repos.dispatches.listForReview(reviewId).find(isCancellableDispatch);
        if (dispatchId !== undefined && active?.id !== dispatchId) {
          const run = repos.dispatches.get(dispatchId);
          throw new AppError(
            'CONFLICT',
            `This run has ended (${run?.status ?? 'gone'}): there is nothing to cancel.`,
          );
        }
        if (!active) throw new AppError('CONFLICT', 'This review has no active run to cancel.');
        return cancelRun(deps, active, 'a maintenance cleanup');
      });
    },

    /**
     * Forgets the review and its runs. Its traces on the runner go too when it answers; when it
     * does not, the review is deleted all the same and the reason is given back (and logged):
     * `maintenance.cleanup` removes what is left once the runner is back (nothing keeps it).
     */
    delete(reviewId: string): Promise<{ deleted: true; remoteCleanupSkipped: string | null }> {
      return gate.run(reviewId, async () => {
        mustGet(reviewId);
        // Its runs end first (read afresh: one may have just finished), so a launch still on its
        // way stops at its next phase, and every window and the scheduler hear of it.
        for (const run of repos.dispatches.listForReview(reviewId)) {
          const current = repos.dispatches.get(run.id);
          if (!current || !isCancellableDispatch(current)) continue;
          recorder.update(run.id, {
            status: 'canceled',
            released: false,
            summary: 'Canceled: the review was deleted.',
            finishedAt: deps.clock.now().toISOString(),
          });
        }
        let skipped: string | null;
        try {
          skipped = await removeReviewTraces(deps, repos.dispatches.listForReview(reviewId));
        } catch (error) {
          skipped = `${error instanceof Error ? error.message : String(error)} Maintenance cleanup removes what is left once the runner answers.`;
        }
        if (skipped) deps.logger.warn('review traces left on the runner', { reviewId, reason: skipped });
        removeWithRuns(deps, { reviewId }, () => repos.reviews.remove(reviewId));
        bus.publish('review.updated', { reviewId, review: null });
        scheduler.kick();
        return { deleted: true as const, remoteCleanupSkipped: skipped };
      });
    },
  };
}
