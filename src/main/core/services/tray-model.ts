import type { Dispatch } from '@shared/contract';
import { isActiveDispatch } from '@shared/domain/dispatch';
import type { Repositories } from '../repositories';

export type TrayState = 'idle' | 'running' | 'attention';

export interface TrayRun {
  dispatch: Dispatch;
  /** What the run works on: its task's title, or "Review of owner/repo#N". */
  title: string;
}

export interface TrayModel {
  state: TrayState;
  active: TrayRun[];
  /** The last five runs that ended, newest first. */
  recent: TrayRun[];
}

/**
 * What the tray shows: attention when an open task's latest run failed or was blocked,
 * running while any run (task or review) is active, idle otherwise.
 */
export function buildTrayModel(repos: Pick<Repositories, 'dispatches' | 'tasks' | 'reviews'>): TrayModel {
  const runs = repos.dispatches.list({ activeOnly: false }, { limit: 500, after: null }).items;
  const titles = new Map<string, string>();
  const title = (run: Dispatch): string => {
    const key = run.taskId ?? run.reviewId ?? run.id;
    let known = titles.get(key);
    if (known === undefined) {
      known = describe(repos, run);
      titles.set(key, known);
    }
    return known;
  };
  const active = runs
    .filter((d) => isActiveDispatch(d.status))
    .map((d) => ({ dispatch: d, title: title(d) }));
  const recent = runs
    .filter((d) => !isActiveDispatch(d.status) && d.finishedAt)
    .sort((a, b) => (b.finishedAt ?? '').localeCompare(a.finishedAt ?? ''))
    .slice(0, 5)
    .map((d) => ({ dispatch: d, title: title(d) }));
  // Review runs have no task to close: a failed review is announced, but does not hold the icon.
  const latestByTask = new Map<string, Dispatch>();
  for (const run of runs) {
    if (run.taskId !== null && !latestByTask.has(run.taskId)) latestByTask.set(run.taskId, run);
  }
  const needsAttention = [...latestByTask.entries()].some(
    ([taskId, d]) =>
      (d.status === 'failed' || d.status === 'blocked') && repos.tasks.get(taskId)?.status === 'open',
  );
  return { state: needsAttention ? 'attention' : active.length > 0 ? 'running' : 'idle', active, recent };
}

function describe(repos: Pick<Repositories, 'tasks' | 'reviews'>, run: Dispatch): string {
  if (run.kind === 'review') {
    const review = run.reviewId ? repos.reviews.get(run.reviewId) : null;
    return review ? `Review of ${review.repository}#${review.pullRequestNumber}` : 'Deleted review';
  }
  return (run.taskId ? repos.tasks.get(run.taskId)?.title : undefined) ?? 'Deleted task';
}
