import { create } from 'zustand';
import type { RunEvent, RunEventPage } from '@shared/contract';
import { invoke } from '@renderer/api';
import { errorMessage } from '@renderer/lib/errors';
import { applyLive, applyPage, EMPTY_RUN_LOG, type RunLog } from './run-log';

export interface RunEventsState {
  /** Logs of the runs open in the window, by dispatch id. Others are not kept. */
  readonly logs: Readonly<Record<string, RunLog>>;
}

export interface RunEventsDeps {
  fetchPage(dispatchId: string, afterSeq: number, limit: number): Promise<RunEventPage>;
  /** Events per page (the core allows up to 2000). */
  pageSize?: number;
  /** Awaited between pages of a long history so the window can paint; a macrotask by default. */
  yieldBetweenPages?: () => Promise<void>;
}

const DEFAULT_PAGE_SIZE = 500;

function nextMacrotask(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/**
 * Keeps the timelines of the runs being looked at: the history read in pages, live `run.output`
 * events merged in without duplicates, and missing stretches fetched when a live event shows a
 * hole. One fetch loop per run at a time.
 */
export function createRunEventsStore(deps: RunEventsDeps) {
  const pageSize = deps.pageSize ?? DEFAULT_PAGE_SIZE;
  const pause = deps.yieldBetweenPages ?? nextMacrotask;
  const useStore = create<RunEventsState>()(() => ({ logs: {} }));
  const holders = new Map<string, number>();
  const pumps = new Map<string, Promise<void>>();
  /** Runs whose fetch loop must go round once more (a hole showed up while it was fetching). */
  const again = new Set<string>();
  /** Bumped each time a run's log is created, so a page read for a dropped log is not applied. */
  const generations = new Map<string, number>();

  const get = (id: string): RunLog | undefined => useStore.getState().logs[id];

  function set(id: string, update: (log: RunLog) => RunLog): void {
    useStore.setState((state) => {
      const log = state.logs[id];
      if (!log) return state;
      const next = update(log);
      return next === log ? state : { logs: { ...state.logs, [id]: next } };
    });
  }

  async function loop(id: string): Promise<void> {
    try {
      for (;;) {
        const before = get(id);
        if (!before) return;
        if (!before.fetching) set(id, (log) => ({ ...log, fetching: true }));
        again.delete(id);
        const generation = generations.get(id);
        const page = await deps.fetchPage(id, before.cursor, pageSize);
        if (!get(id)) return;
        // The log was dropped and opened again meanwhile: read it from its own cursor.
        if (generations.get(id) !== generation) continue;
        set(id, (log) => applyPage(log, page, pageSize));
        // A full page: there is more. Asked again meanwhile (a hole, a reconnect): read on.
        if (page.events.length < pageSize && !again.has(id)) break;
        await pause();
      }
      set(id, (log) => ({ ...log, fetching: false }));
    } catch (error) {
      set(id, (log) => ({ ...log, fetching: false, error: errorMessage(error) }));
    }
  }

  /** Starts the fetch loop unless one is running; then it goes round once more instead. */
  function pump(id: string): Promise<void> {
    const running = pumps.get(id);
    if (running) {
      again.add(id);
      return running;
    }
    const work = loop(id).finally(() => {
      pumps.delete(id);
      again.delete(id);
    });
    pumps.set(id, work);
    return work;
  }

  return {
    useStore,

    /**
     * Starts keeping the run's timeline (reading its history) until the returned function is
     * called. Several holders share one log; it is dropped when the last lets go.
     */
    open(dispatchId: string): () => void {
      holders.set(dispatchId, (holders.get(dispatchId) ?? 0) + 1);
      if (!get(dispatchId)) {
        generations.set(dispatchId, (generations.get(dispatchId) ?? 0) + 1);
        useStore.setState((state) => ({
          logs: { ...state.logs, [dispatchId]: { ...EMPTY_RUN_LOG, fetching: true } },
        }));
        void pump(dispatchId);
      }
      let released = false;
      return () => {
        if (released) return;
        released = true;
        const left = (holders.get(dispatchId) ?? 1) - 1;
        if (left > 0) {
          holders.set(dispatchId, left);
          return;
        }
        holders.delete(dispatchId);
        useStore.setState((state) => {
          const logs = { ...state.logs };
          delete logs[dispatchId];
          return { logs };
        });
      };
    },

    /** Live events of a run (`run.output`); ignored unless the run is open. */
    receive(dispatchId: string, entries: readonly RunEvent[]): void {
      const log = get(dispatchId);
      if (!log) return;
      const { log: next, gap } = applyLive(log, entries);
      if (next !== log) set(dispatchId, () => next);
      if (gap) void pump(dispatchId);
    },

    /** Reads whatever was missed while the event stream was down, for every open run. */
    resync(): void {
      for (const id of Object.keys(useStore.getState().logs)) void pump(id);
    },

    /** Tries again after a failed fetch. */
    retry(dispatchId: string): Promise<void> {
      return get(dispatchId) ? pump(dispatchId) : Promise.resolve();
    },

    /** Resolves when the run's fetch loop (if any) has finished. For tests. */
    settled(dispatchId: string): Promise<void> {
      return pumps.get(dispatchId) ?? Promise.resolve();
    },
  };
}

export type RunEventsStore = ReturnType<typeof createRunEventsStore>;

const runEvents = createRunEventsStore({
  fetchPage: (dispatchId, afterSeq, limit) => invoke('dispatches.events', { dispatchId, afterSeq, limit }),
});

export const useRunEventsStore = runEvents.useStore;
export const openRunLog = runEvents.open;
export const receiveRunOutput = runEvents.receive;
export const resyncRunLogs = runEvents.resync;
export const retryRunLog = runEvents.retry;

/** The run's log while it is open (see openRunLog), else undefined. */
export function useRunLog(dispatchId: string): RunLog | undefined {
  return useRunEventsStore((state) => state.logs[dispatchId]);
}
