import type { Dispatch, Review } from '@shared/contract';
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
    kind: 'task',
    taskId: id('tsk', taskN),
    projectId: id('prj', 1),
    reviewId: null,
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
    chainId: null,
    iteration: null,
    headSha: '',
    reviewSubmitted: false,
    githubReviewId: null,
    githubReviewUrl: null,
    usage: null,
    deadlineAt: null,
    graceEndsAt: null,
    createdAt: at(n),
    startedAt: null,
    finishedAt: null,
    updatedAt: at(n),
    ...patch,
  };
}

/** A run of review `reviewN` (rev_…N), created at minute `n`: no task, pinned to a commit. */
export function reviewRun(n: number, reviewN: number, patch: Partial<Dispatch> = {}): Dispatch {
  return run(n, 0, {
    kind: 'review',
    taskId: null,
    projectId: null,
    reviewId: id('rev', reviewN),
    branch: `sortie-review/${runId(n)}`,
    headSha: 'a1b2c3d4e5f60718293a4b5c6d7e8f9012345678',
    ...patch,
  });
}

/** Review `n` of acme/api's pull request `n`, created at minute `n`, without runs. */
export function review(n: number, patch: Partial<Review> = {}): Review {
  return {
    id: id('rev', n),
    pullRequestUrl: `https://github.com/acme/api/pull/${n}`,
    repository: 'acme/api',
    pullRequestNumber: n,
    title: `Pull request ${n}`,
    baseBranch: 'main',
    repoUrl: 'https://github.com/acme/api',
    gitUrl: 'git@github.com:acme/api.git',
    projectId: null,
    workspaceKey: 'api',
    runnerId: id('rnr', 1),
    agent: 'codex',
    mainUser: 'octocat',
    extraInstructions: '',
    headSha: 'a1b2c3d4e5f60718293a4b5c6d7e8f9012345678',
    latestRun: null,
    submittedReviewUrl: null,
    createdAt: at(n),
    updatedAt: at(n),
    ...patch,
  };
}
