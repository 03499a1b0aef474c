import type { Dispatch } from '@shared/contract';
import type { DispatchStatus } from '@shared/domain/dispatch';
import { at, id } from './fixtures';

export function runId(n: number): string {
  return `dsp_${String(n).padStart(20, '0')}`;
}

/** A run of task `taskN` (tsk_…N), created at minute `n`, as the core sends it. */
export function run(n: number, taskN: number, patch: Partial<Dispatch> = {}): Dispatch {
  const status: DispatchStatus = patch.status ?? 'queued';
  return {
    id: runId(n),
    taskId: id('tsk', taskN),
    projectId: id('prj', 1),
    runnerId: id('rnr', 1),
    agent: 'codex',
    status,
    phase: '',
    phaseStartedAt: null,
    summary: '',
    branch: `sortie/${runId(n)}`,
    worktreePath: '',
    runDir: '',
    pullRequestUrl: null,
    notes: '',
    errorText: '',
    followUpRequest: '',
    baseDispatchId: null,
    released: false,
    reportedBranch: '',
    reportedWorktreePath: '',
    deadlineAt: null,
    graceEndsAt: null,
    createdAt: at(n),
    startedAt: null,
    finishedAt: null,
    updatedAt: at(n),
    ...patch,
  };
}
