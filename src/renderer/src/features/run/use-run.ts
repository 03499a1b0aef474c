import { useEffect, useState } from 'react';
import type { Dispatch, DispatchDetail, TaskRow } from '@shared/contract';
import { isCancellableDispatch } from '@shared/domain/dispatch';
import { invoke } from '@renderer/api';
import { useCoreRead } from '@renderer/lib/use-core-read';
import { useFetchedOnce } from '@renderer/lib/use-fetched-once';
import { useDispatchesStore } from '@renderer/stores/dispatches';
import { openRunLog } from '@renderer/stores/run-events';
import { useTasksStore } from '@renderer/stores/tasks';
import { newerOf } from '@renderer/features/task/task-runs';

export interface RunDetailState {
  /** The run, kept current by events once fetched. */
  run: Dispatch | null;
  /** The exact prompt sent ('' until it is uploaded). */
  prompt: string;
  loading: boolean;
  /** The run does not exist (any more). */
  missing: boolean;
  error: string;
}

/** Whether the core may still change this run: active, or released and waiting for its runner. */
export function isLive(run: Pick<Dispatch, 'status' | 'released'>): boolean {
  return isCancellableDispatch(run);
}

/**
 * The run with its prompt (`dispatches.get`), then kept current by `dispatch.updated` through
 * the runs store. The prompt is read again once the launch gets past uploading it.
 */
export function useRunDetail(dispatchId: string): RunDetailState {
  const { value: detail, loading, missing, error, reloads, follow } = useCoreRead<DispatchDetail>();
  const stored = useDispatchesStore((c) => c.byId[dispatchId]);
  const removed = useDispatchesStore((c) => c.removed.has(dispatchId));
  const run = removed ? null : newerOf(stored, detail);

  // Ask again for the prompt when the run moves past its upload (launch, running, finished).
  const promptDue = detail !== null && detail.prompt === '' && run !== null && run.phase === 'launch';
  const promptKey = promptDue ? `${run.status}:${run.updatedAt}` : '';

  useEffect(
    () => follow(invoke('dispatches.get', { id: dispatchId })),
    [follow, dispatchId, promptKey, reloads],
  );

  return {
    run,
    prompt: detail?.prompt ?? '',
    loading,
    missing: missing || removed,
    error,
  };
}

/** Keeps the run's timeline in the run-events store while the view is mounted. */
export function useRunLogOpen(dispatchId: string): void {
  useEffect(() => openRunLog(dispatchId), [dispatchId]);
}

/** Tells the core someone watches the run (so it polls faster), renewed every 10 s. */
export const WATCH_RENEW_MS = 10_000;

export function useWatchRun(dispatchId: string, watching: boolean): void {
  useEffect(() => {
    if (!watching) return;
    const send = (on: boolean) =>
      invoke('dispatches.watch', { dispatchId, watching: on }).catch(() => {
        // Watching only makes output come sooner; the run is shown either way.
      });
    void send(true);
    const timer = setInterval(() => void send(true), WATCH_RENEW_MS);
    return () => {
      clearInterval(timer);
      void send(false);
    };
  }, [dispatchId, watching]);
}

/** Date.now(), re-read every `everyMs` while `ticking`. */
export function useNow(ticking: boolean, everyMs = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!ticking) return;
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [ticking, everyMs]);
  return now;
}

const fetchTask = (id: string) => invoke('tasks.get', { id });

/** A task from the tasks store, or fetched once when the store does not hold it (closed tasks). */
export function useTaskLookup(taskId: string | null): TaskRow | null {
  const stored = useTasksStore((c) => (taskId ? c.byId[taskId] : undefined));
  const fetched = useFetchedOnce(taskId, stored === undefined, fetchTask);
  return newerOf(stored, fetched);
}
