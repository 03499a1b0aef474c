import type { Dispatch, Task } from '@shared/contract';
import { isActiveDispatch, isCancellableDispatch } from '@shared/domain/dispatch';
import { runOwner } from '@renderer/stores/dispatch-state';

type ById<T> = Readonly<Record<string, T>>;

function newest<T extends { updatedAt: string }>(a: T | undefined, b: T | undefined): T | undefined {
  if (!a) return b;
  if (!b) return a;
  return b.updatedAt > a.updatedAt ? b : a;
}

/** Of two versions of one entity (a fetched one, one kept current by events), the newer. */
export function newerOf<T extends { updatedAt: string }>(
  a: T | null | undefined,
  b: T | null | undefined,
): T | null {
  return newest(a ?? undefined, b ?? undefined) ?? null;
}

/**
 * The runs of a task or a review, newest first: its fetched history, updated and extended by the
 * runs store (kept current by events), without runs the store knows were removed.
 */
export function mergeRunsOf(
  ownerId: string,
  history: readonly Dispatch[],
  live: ById<Dispatch>,
  removed: ReadonlySet<string>,
): Dispatch[] {
  const byId = new Map<string, Dispatch>();
  for (const run of history) if (!removed.has(run.id)) byId.set(run.id, run);
  for (const run of Object.values(live)) {
    if (runOwner(run) !== ownerId || removed.has(run.id)) continue;
    byId.set(run.id, newest(byId.get(run.id), run)!);
  }
  return [...byId.values()].sort((a, b) =>
    a.createdAt !== b.createdAt ? (a.createdAt < b.createdAt ? 1 : -1) : a.id < b.id ? 1 : -1,
  );
}

/**
 * The task's run that is still out there: active, or released because its runner cannot be
 * reached (its agent may still be working; the task is not run again meanwhile).
 */
export function activeRun(runs: readonly Dispatch[]): Dispatch | undefined {
  return runs.find(isCancellableDispatch);
}

/** What the core continues a follow-up from: the newest finished run with a branch and worktree. */
export function followUpBase(runs: readonly Dispatch[]): Dispatch | undefined {
  return runs.find((run) => !isActiveDispatch(run.status) && run.branch !== '' && run.worktreePath !== '');
}

export const FOLLOW_UP_MAX = 20_000;

export interface FollowUpState {
  /** There is a finished run to follow up on. */
  readonly visible: boolean;
  /** Why a follow-up cannot be sent now ('' when it can, given some text). */
  readonly blocked: string;
  /** The Send button and Ctrl/Cmd+Enter work. */
  readonly canSend: boolean;
}

export function followUpState(input: {
  task: Pick<Task, 'status'>;
  runs: readonly Dispatch[];
  text: string;
  sending: boolean;
}): FollowUpState {
  const base = followUpBase(input.runs);
  if (!base) return { visible: false, blocked: 'There is no finished run to follow up on.', canSend: false };
  const blocked =
    input.task.status === 'closed'
      ? 'Reopen the task to ask for a follow-up.'
      : activeRun(input.runs)
        ? 'A run is in progress: wait for it to finish or cancel it.'
        : '';
  const text = input.text.trim();
  const canSend = blocked === '' && !input.sending && text !== '' && input.text.length <= FOLLOW_UP_MAX;
  return { visible: true, blocked, canSend };
}

/** Why a new run cannot be started now, or '' when it can. */
export function dispatchBlocked(input: {
  task: Pick<Task, 'status'>;
  runs: readonly Dispatch[];
  runnerCount: number;
}): string {
  if (input.task.status === 'closed') return 'Reopen the task to run it again.';
  if (activeRun(input.runs)) return 'A run is in progress.';
  if (input.runnerCount === 0) return 'Add a runner first.';
  return '';
}

/** The runner a new run goes to unless the person picks another: the default one, else the first. */
export function defaultRunnerId<R extends { id: string; isDefault: boolean }>(runners: readonly R[]): string {
  return (runners.find((r) => r.isDefault) ?? runners[0])?.id ?? '';
}
