import { Notification } from 'electron';
import type { EventPayload } from '@shared/contract';
import type { EventBus } from '../core/events';

/** Shows each core notification as an OS notification; clicking it shows the run. */
export function showNotifications(
  bus: EventBus,
  actions: { showRun(dispatchId: string): void; openUrl(url: string): void },
): () => void {
  return bus.subscribe((name, payload) => {
    if (name !== 'notification' || !Notification.isSupported()) return;
    const notice = payload as EventPayload<'notification'>;
    const notification = new Notification({
      title: notice.title,
      body: notice.body,
      actions: notice.url ? [{ type: 'button', text: 'Open pull request' }] : [],
    });
    notification.on('click', () => {
      if (notice.dispatchId) actions.showRun(notice.dispatchId);
    });
    notification.on('action', () => {
      if (notice.url) actions.openUrl(notice.url);
    });
    notification.show();
  });
}
