/** Asks for `flush` to be called once, soon. */
export type ScheduleFlush = (flush: () => void) => void;

/** Receives, in one call, every item queued for it since the last flush, in arrival order. */
export type BatchSink<T> = (items: T[]) => void;

export interface FrameBatcher {
  /** Queues `item` for `sink`; the first item queued since the last flush schedules one. */
  add<T>(sink: BatchSink<T>, item: T): void;
  /**
   * Hands every queued item to its sink now. Called before anything that must see the queued
   * changes applied first (an event that is not batched, a reload), so their order holds.
   */
  flush(): void;
}

/**
 * Without frames (a hidden or minimized window gets none) the batch still lands this long after
 * its first item, or later as the browser throttles timers.
 */
const NO_FRAME_FALLBACK_MS = 100;

/**
 * The next animation frame, before it is drawn: changes applied there reach the screen in the
 * same frame (React renders a store update in the microtask right after).
 */
export const nextFrame: ScheduleFlush = (flush) => {
  let done = false;
  const run = () => {
    if (done) return;
    done = true;
    cancelAnimationFrame(frame);
    clearTimeout(timer);
    flush();
  };
  const frame = requestAnimationFrame(run);
  const timer = setTimeout(run, NO_FRAME_FALLBACK_MS);
};

/**
 * Collects changes that arrive one by one (events) and hands them over per sink in batches, one
 * call per sink per flush: a hundred events within a frame make one store update, not a hundred.
 * Each sink sees its items in arrival order; sinks are called in the order of their first item.
 */
export function createFrameBatcher(schedule: ScheduleFlush = nextFrame): FrameBatcher {
  // Map keeps insertion order: the sinks are flushed in the order they were first fed.
  let queued = new Map<BatchSink<never>, unknown[]>();
  let scheduled = false;

  function flush(): void {
    scheduled = false;
    if (queued.size === 0) return;
    const batch = queued;
    queued = new Map();
    for (const [sink, items] of batch) {
      try {
        (sink as BatchSink<unknown>)(items);
      } catch (error) {
        // One failing sink must not lose the others' changes.
        console.error('applying a batch of events failed', error);
      }
    }
  }

  function add<T>(sink: BatchSink<T>, item: T): void {
    const items = queued.get(sink as BatchSink<never>);
    if (items) items.push(item);
    else queued.set(sink as BatchSink<never>, [item]);
    if (!scheduled) {
      scheduled = true;
      schedule(flush);
    }
  }

  return { add, flush };
}
