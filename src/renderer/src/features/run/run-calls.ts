import { runUsageSchema, type RunEvent, type RunUsage } from '@shared/contract';

/** The agent's id of the call an output entry belongs to, '' for none. */
export function callIdOf(event: RunEvent): string {
  return event.kind === 'agent' && typeof event.data.callId === 'string' ? event.data.callId : '';
}

/** An entry with nothing to show on its own: a call's ending without output or failure. */
function isBareEnding(event: RunEvent): boolean {
  const data = event.data;
  return (
    data.kind === 'call-result' &&
    data.failed !== true &&
    (typeof data.detail !== 'string' || data.detail === '') &&
    (typeof data.exitCode !== 'number' || data.exitCode === 0)
  );
}

export interface FoldedOutput {
  /** The entries to show, in order: a call once, where it started. */
  readonly shown: readonly RunEvent[];
  /** The latest entry that ended each shown call, by the seq of the call's first entry. */
  readonly endings: ReadonlyMap<number, RunEvent>;
}

/**
 * A run's output with each command or tool call shown once: the entries sharing a call id are
 * one call, shown where it started and completed by its latest entry (output, exit code). An
 * ending whose start is not at hand (trimmed away) is shown by itself when it has anything to say.
 */
export function foldCalls(events: readonly RunEvent[]): FoldedOutput {
  const shown: RunEvent[] = [];
  const endings = new Map<number, RunEvent>();
  const firstOf = new Map<string, number>();
  for (const event of events) {
    const id = callIdOf(event);
    if (id === '') {
      shown.push(event);
      continue;
    }
    const first = firstOf.get(id);
    if (first !== undefined) {
      endings.set(first, event);
      continue;
    }
    firstOf.set(id, event.seq);
    if (event.data.kind === 'call-result' && isBareEnding(event)) continue;
    shown.push(event);
  }
  return { shown, endings };
}

/** How a call ended, from its own entry and its ending (when it has one). */
export interface CallOutcome {
  /** Still going: a call of a live run whose end has not been seen. */
  running: boolean;
  exitCode: number | null;
  failed: boolean;
  output: string;
  /**
   * Between the call's start and its end as stamped; null while it runs, or when both were read
   * in one go and share a stamp (the runner's file time: how long it took is then unknown).
   */
  durationMs: number | null;
}

/** `live`: the run is still going, so a call without an end may still be running. */
export function callOutcome(event: RunEvent, ending: RunEvent | undefined, live: boolean): CallOutcome {
  const last = ending ?? event;
  const exitCode =
    typeof last.data.exitCode === 'number' && Number.isInteger(last.data.exitCode)
      ? last.data.exitCode
      : null;
  const failed = last.data.failed === true || (exitCode !== null && exitCode !== 0);
  const output = typeof last.data.detail === 'string' ? last.data.detail : '';
  const ended = ending !== undefined || exitCode !== null || failed || callIdOf(event) === '';
  const start = Date.parse(event.at);
  const end = ending ? Date.parse(ending.at) : Number.NaN;
  return {
    running: live && !ended,
    exitCode,
    failed,
    output,
    durationMs: Number.isNaN(start) || Number.isNaN(end) || end <= start ? null : end - start,
  };
}

/** The files of a file-change entry, checked one by one. */
export function filesOf(event: RunEvent): { path: string; change: string }[] {
  const files = event.data.files;
  if (!Array.isArray(files)) return [];
  return files.flatMap((file: unknown) => {
    if (typeof file !== 'object' || file === null) return [];
    const { path, change } = file as Record<string, unknown>;
    return typeof path === 'string' ? [{ path, change: typeof change === 'string' ? change : '' }] : [];
  });
}

/** The usage of a usage entry, or null when it holds none that reads. */
export function usageOf(event: RunEvent): RunUsage | null {
  const parsed = runUsageSchema.safeParse(event.data.usage);
  return parsed.success ? parsed.data : null;
}

/**
 * A file's path inside the run's worktree when it lies there (agents report absolute paths on the
 * runner, Sortie may know the worktree as `~/…`: they meet at the worktree's own folder name,
 * which is a run id), else the path as reported.
 */
export function pathInWorktree(path: string, worktreePath: string): string {
  const name = worktreePath.replace(/\/+$/, '').split('/').pop() ?? '';
  if (name === '' || name === '~') return path;
  const marker = `/${name}/`;
  const at = path.indexOf(marker);
  return at >= 0 && at + marker.length < path.length ? path.slice(at + marker.length) : path;
}
