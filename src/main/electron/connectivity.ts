import { net, powerMonitor } from 'electron';

/**
 * Calls `reconcile` when the machine wakes up and when the network comes back, so runs that
 * moved on meanwhile show their real state at once instead of at the next timer tick.
 */
export function reconcileOnWakeAndReconnect(reconcile: () => void, checkEveryMs = 5_000): () => void {
  powerMonitor.on('resume', reconcile);
  let online = net.isOnline();
  const timer = setInterval(() => {
    const now = net.isOnline();
    if (now && !online) reconcile();
    online = now;
  }, checkEveryMs);
  timer.unref?.();
  return () => {
    clearInterval(timer);
    powerMonitor.removeListener('resume', reconcile);
  };
}
