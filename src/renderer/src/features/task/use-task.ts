import { useCallback, useEffect, useMemo, useState } from 'react';
import type { Dispatch, FollowUpRequest, Task } from '@shared/contract';
import { invoke, isClientError, onStreamOpen } from '@renderer/api';
import { errorMessage } from '@renderer/lib/errors';
import { useDispatchesStore } from '@renderer/stores/dispatches';
import { useTasksStore } from '@renderer/stores/tasks';
import { mergeTaskRuns, newerOf } from './task-runs';

export interface TaskPageData {
  task: Task | null;
  followUps: readonly FollowUpRequest[];
  /** Newest first. */
  runs: Dispatch[];
  /** The first fetch has not answered yet. */
  loading: boolean;
  /** The task does not exist (any more). */
  missing: boolean;
  error: string;
  /** Fetches the task's detail and run history again. */
  reload(): void;
}

/**
 * A task with its follow-up requests (`tasks.get`) and run history (`dispatches.history`),
 * kept current by the tasks and runs stores, which events update.
 */
export function useTaskPage(taskId: string): TaskPageData {
  const [detail, setDetail] = useState<{ task: Task; followUps: FollowUpRequest[] } | null>(null);
  const [history, setHistory] = useState<Dispatch[] | null>(null);
  const [error, setError] = useState('');
  const [missing, setMissing] = useState(false);
  const [reloads, setReloads] = useState(0);
  const stored = useTasksStore((c) => c.byId[taskId]);
  const deleted = useTasksStore((c) => c.removed.has(taskId));
  const liveRuns = useDispatchesStore((c) => c.byId);
  const removedRuns = useDispatchesStore((c) => c.removed);

  const reload = useCallback(() => setReloads((n) => n + 1), []);

  useEffect(() => {
    let current = true;
    Promise.all([invoke('tasks.get', { id: taskId }), invoke('dispatches.history', { taskId })])
      .then(([value, runs]) => {
        if (!current) return;
        const { followUps, ...task } = value;
        setDetail({ task, followUps });
        setHistory(runs);
        setError('');
        setMissing(false);
      })
      .catch((err: unknown) => {
        if (!current) return;
        if (isClientError(err) && err.code === 'NOT_FOUND') setMissing(true);
        else setError(errorMessage(err));
      });
    return () => {
      current = false;
    };
  }, [taskId, reloads]);

  useEffect(() => onStreamOpen(reload), [reload]);

  const runs = useMemo(
    () => mergeTaskRuns(taskId, history ?? [], liveRuns, removedRuns),
    [taskId, history, liveRuns, removedRuns],
  );

  // A follow-up asked elsewhere (another window, the API) shows up as a run first: read the
  // task's follow-up requests again when a run answers one not known yet.
  const followUps = detail?.followUps;
  const unknownFollowUps =
    followUps === undefined
      ? ''
      : runs
          .filter(
            (run) => run.followUpRequest !== '' && !followUps.some((f) => f.request === run.followUpRequest),
          )
          .map((run) => run.id)
          .join(' ');
  useEffect(() => {
    if (unknownFollowUps === '') return;
    let current = true;
    invoke('tasks.get', { id: taskId })
      .then(({ followUps: latest, ...task }) => {
        if (current) setDetail({ task, followUps: latest });
      })
      .catch(() => undefined);
    return () => {
      current = false;
    };
  }, [taskId, unknownFollowUps]);

  return {
    task: deleted ? null : newerOf(stored, detail?.task),
    followUps: followUps ?? [],
    runs,
    loading: detail === null && !missing && error === '',
    missing: missing || deleted,
    error,
    reload,
  };
}
