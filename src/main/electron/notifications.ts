import { Notification } from 'electron';
import type { EventPayload } from '@shared/contract';
import type { EventBus } from '../core/events';

/**
 * Shows each core notification as an OS notification. Clicking it shows the review of a review
 * run, else the run; its action opens the link it carries (a task run's pull request, or the
 * review a review run submitted).
 */
export function showNotifications(
  bus: EventBus,
  actions: {
    showRun(dispatchId: string): void;
    showReview(reviewId: string): void;
    openUrl(url: string): void;
  },
): () => void {
  return bus.subscribe((name, payload) => {
    if (name !== 'notification' || !Notification.isSupported()) return;
    const notice = payload as EventPayload<'notification'>;
    const notification = new Notification({
      title: notice.title,
      body: notice.body,
      actions: notice.url
        ? [{ type: 'button', text: notice.reviewId ? 'Open review on GitHub' : 'Open pull request' }]
        : [],
    });
    notification.on('click', () => {
      if (notice.reviewId) actions.showReview(notice.reviewId);
      else if (notice.dispatchId) actions.showRun(notice.dispatchId);
    });
    notification.on('action', () => {
      if (notice.url) actions.openUrl(notice.url);
    });
    notification.show();
  });
}
