import type { Dispatch, EventPayload } from '@shared/contract';
import type { EventBus } from '../events';
import type { Repositories } from '../repositories';

export type Notice = EventPayload<'notification'>;

const ANNOUNCED = new Set(['succeeded', 'failed', 'blocked']);

/**
 * Turns final run outcomes into one notification each: succeeded (with the PR), failed and
 * blocked (with the reason). A run released because its runner was unreachable is not final
 * yet; a user's own cancel needs no notification. Each outcome is recorded as announced in the
 * database first, so a restart never repeats it; with notifications switched off it is still
 * recorded, so switching them on later does not replay old outcomes.
 */
export function createNotifier(deps: {
  repos: Pick<Repositories, 'dispatches' | 'tasks' | 'reviews' | 'settings'>;
  bus: EventBus;
}) {
  const { repos, bus } = deps;
  return bus.subscribe((name, payload) => {
    if (name !== 'dispatch.updated') return;
    const { dispatch } = payload as EventPayload<'dispatch.updated'>;
    if (!ANNOUNCED.has(dispatch.status) || dispatch.released) return;
    if (!repos.dispatches.markNotified(dispatch.id, dispatch.status)) return;
    if (!repos.settings.get().notificationsEnabled) return;
    if (dispatch.reviewId) {
      const review = repos.reviews.get(dispatch.reviewId);
      const name = review ? `${review.repository}#${review.pullRequestNumber}` : 'a pull request';
      bus.publish('notification', describeReview(dispatch, name));
      return;
    }
    const title = (dispatch.taskId && repos.tasks.get(dispatch.taskId)?.title) || 'a task';
    bus.publish('notification', describe(dispatch, title));
  });
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
