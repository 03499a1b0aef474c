import type { Dispatch, EventPayload, RunChain } from '@shared/contract';
import type { EventBus } from '../events';
import type { Repositories } from '../repositories';
import type { DispatchRecorder } from './dispatch/recorder';

export type Notice = EventPayload<'notification'>;

/** Final states worth a notification: a user's own cancel needs none. */
const ANNOUNCED = new Set(['succeeded', 'failed', 'blocked']);

/**
 * Turns final run outcomes into one notification each: succeeded (with the PR), failed and
 * blocked (with the reason). A run released because its runner was unreachable is not final
 * yet; a user's own cancel needs no notification. Each outcome is recorded as announced in the
 * database first, so a restart never repeats it; with notifications switched off it is still
 * recorded, so switching them on later does not replay old outcomes.
 */
export function createNotifier(deps: {
  repos: Pick<Repositories, 'dispatches' | 'tasks' | 'reviews' | 'settings' | 'chains'>;
  bus: EventBus;
  /** Whose signal of runs reaching their final state is announced. */
  recorder: Pick<DispatchRecorder, 'onFinal'>;
}) {
  const { repos, bus } = deps;
  const offChains = bus.subscribe((name, payload) => {
    if (name === 'chain.updated') announceChain((payload as EventPayload<'chain.updated'>).chain);
  });
  const offRuns = deps.recorder.onFinal((dispatch) => {
    if (!ANNOUNCED.has(dispatch.status)) return;
    if (!repos.dispatches.markNotified(dispatch.id, dispatch.status)) return;
    if (!repos.settings.get().notificationsEnabled) return;
    // A successful iteration of a chain is not the end: its eval says how the chain goes on.
    if (dispatch.chainId && dispatch.status === 'succeeded') return;
    if (dispatch.reviewId) {
      const review = repos.reviews.get(dispatch.reviewId);
      const name = review ? `${review.repository}#${review.pullRequestNumber}` : 'a pull request';
      bus.publish('notification', describeReview(dispatch, name));
      return;
    }
    const title = (dispatch.taskId && repos.tasks.get(dispatch.taskId)?.title) || 'a task';
    bus.publish('notification', describe(dispatch, title));
  });

  /**
   * A chain that passed or gave up is announced once; one that failed too, unless a run of it
   * failed (that run was announced already): its eval could not be run or read.
   */
  function announceChain(chain: RunChain): void {
    if (chain.status !== 'passed' && chain.status !== 'gave-up' && chain.status !== 'failed') return;
    const runs = repos.dispatches.listForTask(chain.taskId).filter((d) => d.chainId === chain.id);
    const run = runs[0] ?? null;
    if (chain.status === 'failed' && run?.status !== 'succeeded') return;
    if (!repos.chains.markNotified(chain.id, chain.status)) return;
    if (!repos.settings.get().notificationsEnabled) return;
    const title = repos.tasks.get(chain.taskId)?.title ?? 'a task';
    const base = {
      id: `${chain.id}:${chain.status}`,
      dispatchId: run?.id ?? null,
      taskId: chain.taskId,
      reviewId: null,
    };
    if (chain.status === 'passed') {
      bus.publish('notification', {
        ...base,
        level: 'success',
        title: `Passed on iteration ${chain.iteration}/${chain.maxIterations}: ${title}`,
        body: run?.pullRequestUrl ? `${chain.verdict}\n${run.pullRequestUrl}` : chain.verdict,
        url: run?.pullRequestUrl ?? null,
      });
      return;
    }
    if (chain.status === 'failed') {
      bus.publish('notification', {
        ...base,
        level: 'error',
        title: `Stopped: ${title}`,
        body: chain.verdict,
        url: null,
      });
      return;
    }
    const output = chain.evals.at(-1)?.output ?? '';
    bus.publish('notification', {
      ...base,
      level: 'error',
      title: `Gave up after ${chain.maxIterations} iteration${chain.maxIterations === 1 ? '' : 's'}: ${title}`,
      body: `${chain.verdict}\n${output.length > 400 ? `…${output.slice(-400)}` : output}`,
      url: null,
    });
  }

  return () => {
    offChains();
    offRuns();
  };
}

function baseOf(dispatch: Dispatch) {
  return {
    id: `${dispatch.id}:${dispatch.status}`,
    dispatchId: dispatch.id,
    taskId: dispatch.taskId,
    reviewId: dispatch.reviewId,
  };
}

/** "Review of owner/repo#N submitted" opens the review on GitHub; failures say why. */
function describeReview(dispatch: Dispatch, name: string): Notice {
  const base = baseOf(dispatch);
  if (dispatch.status === 'succeeded') {
    return {
      ...base,
      level: 'success',
      title: `Review of ${name} submitted`,
      body: dispatch.summary,
      url: dispatch.githubReviewUrl,
    };
  }
  return {
    ...base,
    level: dispatch.status === 'blocked' ? 'warning' : 'error',
    title: `Review of ${name} ${dispatch.status === 'blocked' ? 'blocked' : 'failed'}`,
    body: dispatch.errorText || dispatch.summary,
    url: null,
  };
}

function describe(dispatch: Dispatch, title: string): Notice {
  const base = baseOf(dispatch);
  switch (dispatch.status) {
    case 'succeeded':
      return {
        ...base,
        level: 'success',
        title: `Done: ${title}`,
        body: dispatch.pullRequestUrl ? `${dispatch.summary}\n${dispatch.pullRequestUrl}` : dispatch.summary,
        url: dispatch.pullRequestUrl,
      };
    case 'blocked':
      return {
        ...base,
        level: 'warning',
        title: `Blocked: ${title}`,
        body: dispatch.summary || dispatch.errorText,
        url: null,
      };
    default:
      return {
        ...base,
        level: 'error',
        title: `Failed: ${title}`,
        body: dispatch.errorText || dispatch.summary,
        url: null,
      };
  }
}
