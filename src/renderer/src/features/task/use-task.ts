import { useEffect, useMemo } from 'react';
import type { Dispatch, FollowUpRequest, RunChain, Task } from '@shared/contract';
import { invoke } from '@renderer/api';
import { useCoreRead } from '@renderer/lib/use-core-read';
import { loadChainsOf, useChainsOf, useChainsStore } from '@renderer/stores/chains';
import { useDispatchesStore } from '@renderer/stores/dispatches';
import { asWholeTask, useTasksStore } from '@renderer/stores/tasks';
import { mergeRunsOf } from './task-runs';

export interface TaskPageData {
  task: Task | null;
  followUps: readonly FollowUpRequest[];
  /** Newest first. */
  runs: Dispatch[];
  /** Its runs until an eval passes, newest first. */
  chains: RunChain[];
  /** The first fetch has not answered yet. */
  loading: boolean;
  /** The task does not exist (any more). */
  missing: boolean;
  error: string;
  /** Fetches the task's detail and run history again. */
  reload(): void;
}

interface TaskDetail {
  task: Task;
  followUps: FollowUpRequest[];
  history: Dispatch[];
}

/**
 * A task with its follow-up requests (`tasks.get`) and run history (`dispatches.history`),
 * kept current by the tasks and runs stores, which events update.
 */
export function useTaskPage(taskId: string): TaskPageData {
  const {
    value: detail,
    setValue: setDetail,
    loading,
    missing,
    error,
    reloads,
    reload,
    follow,
  } = useCoreRead<TaskDetail>();
  const stored = useTasksStore((c) => c.byId[taskId]);
  const deleted = useTasksStore((c) => c.removed.has(taskId));
  const liveRuns = useDispatchesStore((c) => c.byId);
  const removedRuns = useDispatchesStore((c) => c.removed);

  useEffect(
    () =>
      follow(
        Promise.all([invoke('tasks.get', { id: taskId }), invoke('dispatches.history', { taskId })]).then(
          ([{ followUps, ...task }, history]) => ({ task, followUps, history }),
        ),
      ),
    [follow, taskId, reloads],
  );

  // The task's chains go into the chains store, which `chain.updated` keeps current.
  useEffect(() => {
    loadChainsOf(taskId).catch(() => undefined);
  }, [taskId, reloads]);
  const chains = useChainsOf(taskId);

  const history = detail?.history;
  const runs = useMemo(
    () => mergeRunsOf(taskId, history ?? [], liveRuns, removedRuns),
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
        if (current) setDetail((held) => held && { ...held, task, followUps: latest });
      })
      .catch(() => undefined);
    return () => {
      current = false;
    };
  }, [taskId, unknownFollowUps, setDetail]);

  // A run of a chain not known here (its event was missed): read the task's chains again.
  const knownChains = useChainsStore((c) => c.byId);
  const unknownChains = [
    ...new Set(runs.map((run) => run.chainId).filter((id): id is string => id !== null && !knownChains[id])),
  ].join(' ');
  useEffect(() => {
    if (unknownChains !== '') loadChainsOf(taskId).catch(() => undefined);
  }, [taskId, unknownChains]);

  // The store's copy is newer when an event or a list came after the fetch. A list row has no
  // summary or note: the fetched ones are shown meanwhile, and the task is fetched again.
  const fetched = detail?.task;
  const newerRow = stored && fetched && stored.updatedAt > fetched.updatedAt ? stored : undefined;
  const newerWhole = newerRow ? asWholeTask(newerRow) : null;
  const refetchFor = newerRow && !newerWhole ? newerRow.updatedAt : '';
  useEffect(() => {
    if (refetchFor !== '') reload();
  }, [refetchFor, reload]);

  return {
    task: deleted
      ? null
      : !fetched
        ? ((stored && asWholeTask(stored)) ?? null)
        : (newerWhole ?? (newerRow ? { ...fetched, ...newerRow } : fetched)),
    followUps: followUps ?? [],
    runs,
    chains,
    loading,
    missing: missing || deleted,
    error,
    reload,
  };
}
