import type { Dispatch, Task } from '@shared/contract';
import { isActiveDispatch } from '@shared/domain/dispatch';
import type { Repositories } from '../repositories';

export type TrayState = 'idle' | 'running' | 'attention';

export interface TrayRun {
  dispatch: Dispatch;
  taskTitle: string;
}

export interface TrayModel {
  state: TrayState;
  active: TrayRun[];
  /** The last five runs that ended, newest first. */
  recent: TrayRun[];
}

/**
 * What the tray shows: attention when an open task's latest run failed or was blocked,
 * running while any run is active, idle otherwise.
 */
export function buildTrayModel(repos: Pick<Repositories, 'dispatches' | 'tasks'>): TrayModel {
  const runs = repos.dispatches.list({ activeOnly: false, limit: 500 });
  const titles = new Map<string, Task | null>();
  const title = (taskId: string) => {
    if (!titles.has(taskId)) titles.set(taskId, repos.tasks.get(taskId));
    return titles.get(taskId)?.title ?? 'Deleted task';
  };
  const active = runs
    .filter((d) => isActiveDispatch(d.status))
    .map((d) => ({ dispatch: d, taskTitle: title(d.taskId) }));
  const recent = runs
    .filter((d) => !isActiveDispatch(d.status) && d.finishedAt)
    .sort((a, b) => (b.finishedAt ?? '').localeCompare(a.finishedAt ?? ''))
    .slice(0, 5)
    .map((d) => ({ dispatch: d, taskTitle: title(d.taskId) }));
  const latestByTask = new Map<string, Dispatch>();
  for (const run of runs) if (!latestByTask.has(run.taskId)) latestByTask.set(run.taskId, run);
  const needsAttention = [...latestByTask.values()].some(
    (d) => (d.status === 'failed' || d.status === 'blocked') && repos.tasks.get(d.taskId)?.status === 'open',
  );
  return { state: needsAttention ? 'attention' : active.length > 0 ? 'running' : 'idle', active, recent };
}
