import { useEffect, useState } from 'react';
import { invoke, on } from '@renderer/api';

/** Whether the scheduler is paused (queued runs then wait), kept current while shown. */
export function useQueuePaused(): boolean {
  const [paused, setPaused] = useState(false);
  useEffect(() => {
    let live = true;
    const stop = on('queue.changed', (state) => setPaused(state.paused));
    invoke('queue.get')
      .then((state) => live && setPaused(state.paused))
      .catch(() => undefined);
    return () => {
      live = false;
      stop();
    };
  }, []);
  return paused;
}
