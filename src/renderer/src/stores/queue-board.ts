import type { Dispatch, TaskRow } from '@shared/contract';
import { changedIdsSince, isSettled } from './collection';
import { latestRuns, useDispatchesStore } from './dispatches';
import { useBoardFirstLook } from './board-first-look';
import { buildBoard, laneTotals, patchBoard, type Board, type LaneId } from './lanes';
import { isNarrowed, taskMatcher, type QueueFilter } from './queue-filter';
import { useTasksStore } from './tasks';

type TasksById = Readonly<Record<string, TaskRow>>;
type RunsById = Readonly<Record<string, Dispatch>>;

/** The Queue page's board and the counts its summary line shows. */
export interface QueueBoard {
  readonly board: Board;
  /**
   * Tasks in each lane: its cards, or while the board is the host's first look, the host's count
   * (its lanes then hold their first cards only).
   */
  readonly totals: Readonly<Record<LaneId, number>>;
  /** Tasks on the board. */
  readonly shown: number;
  /** Tasks the board would show without the priority and text filters. */
  readonly inProject: number;
  /** The board is the host's first look (board-first-look.ts), shown until the lists are in. */
  readonly firstLook: boolean;
}

interface Built {
  readonly tasks: TasksById;
  readonly runs: RunsById;
  readonly filter: QueueFilter;
  readonly result: QueueBoard;
}

/**
 * The last board built, kept here rather than in the page: the Queue page mounting again (back
 * from another page) finds it ready instead of sorting thousands of tasks into lanes again, and
 * the next change rebuilds only what it touched (see buildBoard).
 */
let last: Built | null = null;

function sameFilter(a: QueueFilter, b: QueueFilter): boolean {
  return (
    a.projectId === b.projectId &&
    a.showClosed === b.showClosed &&
    a.text === b.text &&
    a.priorities.length === b.priorities.length &&
    a.priorities.every((priority, i) => priority === b.priorities[i])
  );
}

/** The tasks in the project and open/closed scope: what the board shows without the other filters. */
function scopeMatcher(filter: QueueFilter): (task: TaskRow) => boolean {
  return taskMatcher({ ...filter, priorities: [], text: '' });
}

function countInProject(tasks: TasksById, filter: QueueFilter): number {
  const matches = scopeMatcher(filter);
  let count = 0;
  for (const id in tasks) if (matches(tasks[id]!)) count++;
  return count;
}

/**
 * The tasks whose card may differ since the previous board: the tasks that changed and those
 * whose runs changed. Null when that is not known (a load replaced a map wholesale).
 */
function tasksToPatch(previous: Built, tasks: TasksById, runs: RunsById): Set<string> | null {
  const changedTasks = changedIdsSince(tasks, previous.tasks);
  const changedRuns = changedIdsSince(runs, previous.runs);
  if (!changedTasks || !changedRuns) return null;
  const ids = new Set(changedTasks);
  for (const id of changedRuns) {
    const taskId = (runs[id] ?? previous.runs[id])?.taskId;
    if (taskId) ids.add(taskId);
  }
  return ids;
}

/**
 * The board for these tasks, runs and filter: the same object for the same inputs; otherwise
 * patched where only some tasks or runs changed (a frame of events, a page of a load), or built
 * again from the previous one so that cards and lanes that did not change keep their identity
 * (memoized components skip them).
 */
export function selectQueueBoard(tasks: TasksById, runs: RunsById, filter: QueueFilter): QueueBoard {
  const previous = last;
  const sameScope = previous !== null && sameFilter(previous.filter, filter);
  if (previous && sameScope && previous.tasks === tasks && previous.runs === runs) return previous.result;
  const latest = latestRuns(runs);
  const include = taskMatcher(filter);
  const patch = previous && sameScope ? tasksToPatch(previous, tasks, runs) : null;
  const board = patch
    ? patchBoard(previous!.result.board, patch, tasks, latest, include)
    : buildBoard(Object.values(tasks), latest, include, previous?.result.board);
  const totals = laneTotals(board);
  const shown = Object.values(totals).reduce((sum, count) => sum + count, 0);
  // Without the narrowing filters the board shows exactly the tasks in scope; with them, the
  // tasks in scope are counted, or the count before corrected by the tasks that changed.
  let inProject = shown;
  if (isNarrowed(filter)) {
    const scopeKept =
      previous !== null &&
      previous.filter.projectId === filter.projectId &&
      previous.filter.showClosed === filter.showClosed;
    const changed = scopeKept ? changedIdsSince(tasks, previous.tasks) : null;
    if (previous && changed) {
      const inScope = scopeMatcher(filter);
      const counts = (task: TaskRow | undefined) => (task !== undefined && inScope(task) ? 1 : 0);
      inProject = previous.result.inProject;
      for (const id of changed) inProject += counts(tasks[id]) - counts(previous.tasks[id]);
    } else {
      inProject = countInProject(tasks, filter);
    }
  }
  last = { tasks, runs, filter, result: { board, totals, shown, inProject, firstLook: false } };
  return last.result;
}

/** The tasks and runs held are not worth a board yet: none of them has been read. */
const EMPTY: Readonly<Record<string, never>> = {};

/**
 * Whether the runs were read at least once (or could not be): until then a task's lane is not
 * known, and a board would show every task in the backlog for a moment, and cost a render.
 */
export function useRunsHeld(): boolean {
  return useDispatchesStore((c) => isSettled(c.status));
}

/**
 * The board for the filter, from the tasks and runs stores; rebuilt only when one changes. Until
 * both were read, the host's first look when there is one for the filter; else empty until the
 * runs were first read (useRunsHeld).
 */
export function useQueueBoard(filter: QueueFilter): QueueBoard {
  const held = useRunsHeld();
  const tasksHeld = useTasksStore((c) => isSettled(c.status));
  const firstLook = useBoardFirstLook(filter);
  const tasks = useTasksStore((c) => c.byId);
  const runs = useDispatchesStore((c) => c.byId);
  if (firstLook && !(held && tasksHeld)) return firstLook;
  return held ? selectQueueBoard(tasks, runs, filter) : selectQueueBoard(EMPTY, EMPTY, filter);
}
