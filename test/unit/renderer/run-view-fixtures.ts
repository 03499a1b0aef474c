import type { Dispatch, RunEvent, RunEventPage } from '@shared/contract';

/** Fixtures of the run live view's tests (run-log, run-events-store, run-timeline, task-runs). */

export const RUN_ID = `dsp_${'0'.repeat(19)}1`;

/** 09:00:00 UTC plus `seconds`. */
export function t(seconds: number): string {
  return new Date(Date.UTC(2026, 10, 21, 9, 0, 0) + seconds * 1000).toISOString();
}

export function agent(seq: number, text = `entry ${seq}`, at = t(seq)): RunEvent {
  return { dispatchId: RUN_ID, seq, kind: 'agent', at, data: { kind: 'message', text } };
}

export function phase(seq: number, name: string, at: string): RunEvent {
  return { dispatchId: RUN_ID, seq, kind: 'phase', at, data: { phase: name, label: `Label of ${name}` } };
}

export function note(seq: number, data: Record<string, unknown>, at = t(seq)): RunEvent {
  return { dispatchId: RUN_ID, seq, kind: 'note', at, data };
}

export function events(from: number, to: number): RunEvent[] {
  const out: RunEvent[] = [];
  for (let seq = from; seq <= to; seq += 1) out.push(agent(seq));
  return out;
}

/** A page as the core returns it for `afterSeq`, from the events it holds. */
export function pageOf(
  stored: readonly RunEvent[],
  afterSeq: number,
  limit: number,
  trimmed = false,
): RunEventPage {
  const page = stored.filter((e) => e.seq > afterSeq).slice(0, limit);
  return { events: page, nextAfterSeq: page.length > 0 ? page.at(-1)!.seq : null, trimmed };
}

export function liveRun(patch: Partial<Dispatch> = {}): Dispatch {
  return {
    id: RUN_ID,
    kind: 'task',
    taskId: `tsk_${'0'.repeat(19)}1`,
    projectId: `prj_${'0'.repeat(19)}1`,
    reviewId: null,
    runnerId: `rnr_${'0'.repeat(19)}1`,
    agent: 'codex',
    status: 'running',
    phase: 'launch',
    phaseStartedAt: t(10),
    summary: '',
    branch: `sortie/${RUN_ID}`,
    worktreePath: '/w/api/worktrees/x',
    runDir: '/w/api/dispatches/x',
    pullRequestUrl: null,
    notes: '',
    errorText: '',
    followUpRequest: '',
    baseDispatchId: null,
    released: false,
    reportedBranch: '',
    reportedWorktreePath: '',
    chainId: null,
    iteration: null,
    headSha: '',
    reviewSubmitted: false,
    githubReviewId: null,
    githubReviewUrl: null,
    usage: null,
    deadlineAt: null,
    graceEndsAt: null,
    createdAt: t(0),
    startedAt: t(1),
    finishedAt: null,
    updatedAt: t(10),
    ...patch,
  };
}
