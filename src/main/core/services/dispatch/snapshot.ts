import type { Dispatch } from '@shared/contract';
import { isReleasedRun, PREPARING_STALE_AFTER_MS } from '@shared/domain/dispatch';
import { canonicalPullRequestUrl, GITHUB_REVIEW_URL } from '@shared/domain/review';
import type { AgentAdapter, ReviewAgentResult } from '../../agents';
import type { PolledRun } from '../../remote';
import type { DispatchPatch } from '../../repositories/dispatches';

/** What reconciliation knows besides the poll: facts kept in the database. */
export interface SnapshotContext {
  /** The latest result seen for the run (result.json or the agent's result event), or null. */
  storedResult: string | null;
  /** How the run's maximum run time reads to people ("4 h"), for a timed-out run. */
  maxRunTime: string;
}

/**
 * The reconciliation rules (BEHAVIOR item 6) as a pure function: the patch to apply to an
 * active (or released) run given what a poll read from its run directory, or null for no
 * change. What the agent says about its branch and worktree is kept as information only.
 */
export function reconcileFromSnapshot(
  dispatch: Dispatch,
  snapshot: Pick<
    PolledRun,
    'missing' | 'unlaunched' | 'status' | 'result' | 'finishedAt' | 'exitCode' | 'stderrTail'
  >,
  adapter: Pick<AgentAdapter, 'parseResult'>,
  now: Date,
  context: SnapshotContext = { storedResult: null, maxRunTime: '' },
): DispatchPatch | null {
  const iso = now.toISOString();
  const finishedAt = parseFinishedAt(snapshot.finishedAt) ?? iso;
  const recovered: DispatchPatch = dispatch.released ? { released: false, errorText: '' } : {};
  const ended = { graceEndsAt: null, deadlineAt: null } satisfies DispatchPatch;

  if (snapshot.missing || snapshot.status === 'none') {
    if (dispatch.status === 'preparing') return stalePreparing(dispatch, now);
    if (isReleasedRun(dispatch) && snapshot.missing) {
      // Nothing left to wait for on the runner: the release becomes final.
      return {
        released: false,
        errorText: 'The run directory is gone from the runner, so its outcome is unknown.',
      };
    }
    if (isReleasedRun(dispatch) && snapshot.unlaunched) {
      // Released while it was being launched, and its run directory shows it never started.
      return {
        ...ended,
        status: 'failed',
        released: false,
        summary: 'The run never started: its runner could not be reached while it was being launched.',
        errorText:
          'No launcher ever ran in its run directory on the runner. Run the task again (the runner answers now).',
        finishedAt: iso,
      };
    }
    if (dispatch.status === 'running' && snapshot.missing) {
      return {
        status: 'blocked',
        summary: 'The run directory is gone from the runner, so the run was released.',
        errorText: 'Remote run directory is missing.',
        finishedAt: iso,
      };
    }
    return null;
  }

  switch (snapshot.status) {
    case 'running':
      if (dispatch.status === 'preparing' || dispatch.status === 'blocked') {
        return { ...recovered, status: 'running', summary: 'The agent is working.', finishedAt: null };
      }
      return null;
    case 'canceled':
      return { ...recovered, ...ended, status: 'canceled', summary: 'Canceled.', finishedAt };
    case 'timed_out':
      return {
        ...recovered,
        ...ended,
        status: 'failed',
        summary: `Timed out after ${context.maxRunTime || 'its maximum run time'}: Sortie stopped the agent.`,
        errorText: `The run was still going when its maximum run time (${context.maxRunTime || 'the limit'}) was up, so its processes were stopped. Raise the project's maximum run time if it needs longer.`,
        finishedAt,
      };
    case 'completed': {
      const raw = snapshot.result ?? context.storedResult;
      try {
        if (raw === null) throw new Error('The agent finished without writing a result.');
        if (dispatch.kind === 'review') {
          return { ...recovered, ...ended, ...reviewOutcome(adapter.parseResult(raw, 'review')), finishedAt };
        }
        const outcome = adapter.parseResult(raw);
        return {
          ...recovered,
          ...ended,
          status: outcome.status,
          summary: outcome.summary,
          pullRequestUrl: outcome.pullRequestUrl
            ? canonicalPullRequestUrl(outcome.pullRequestUrl)
            : dispatch.pullRequestUrl,
          reportedBranch: differs(outcome.branchName, dispatch.branch),
          reportedWorktreePath: differs(outcome.worktreePath, dispatch.worktreePath),
          notes: outcome.notes ?? '',
          errorText: '',
          finishedAt,
        };
      } catch (error) {
        return {
          ...recovered,
          ...ended,
          status: 'failed',
          summary: 'The agent finished, but its result could not be read.',
          errorText: error instanceof Error ? error.message : String(error),
          finishedAt,
        };
      }
    }
    case 'lost':
      return {
        ...recovered,
        ...ended,
        status: 'failed',
        summary: 'The run stopped without finishing: its launcher is gone from the runner.',
        errorText:
          snapshot.stderrTail.trim() ||
          'The launcher process ended without recording an outcome (was the runner restarted, or the process killed?). Run the task again.',
        finishedAt: iso,
      };
    default: {
      const stderr = snapshot.stderrTail.trim();
      const code = snapshot.exitCode?.trim();
      return {
        ...recovered,
        ...ended,
        status: 'failed',
        summary: code
          ? `The agent exited with status ${code} before returning a result.`
          : 'The agent run failed.',
        errorText: stderr || 'The agent failed before returning a structured result.',
        finishedAt,
      };
    }
  }
}

/**
 * A review run's outcome. Only a review GitHub confirmed counts as submitted: an agent that says
 * it succeeded without one ends failed, saying so, never as a submitted review.
 */
function reviewOutcome(result: ReviewAgentResult): DispatchPatch {
  const submitted = result.reviewSubmitted;
  const report = {
    reviewSubmitted: submitted,
    githubReviewId: submitted ? result.githubReviewId : null,
    // What the agent says is stored only when it is a GitHub review address.
    githubReviewUrl:
      submitted && GITHUB_REVIEW_URL.test(result.githubReviewUrl ?? '') ? result.githubReviewUrl : null,
    notes: result.notes ?? '',
  };
  if (result.status === 'succeeded' && !submitted) {
    return {
      ...report,
      status: 'failed',
      summary: 'The agent finished without submitting a review on GitHub.',
      errorText: `It reported success, but no submitted review: "${result.summary}". Re-review to try again.`,
    };
  }
  return { ...report, status: result.status, summary: result.summary, errorText: '' };
}

/** What the agent reported, when it is not what Sortie set; '' when it matches or is absent. */
function differs(reported: string | null, own: string): string {
  const value = (reported ?? '').trim();
  return value === '' || value === own ? '' : value;
}

function stalePreparing(dispatch: Dispatch, now: Date): DispatchPatch | null {
  const since = Date.parse(dispatch.phaseStartedAt ?? dispatch.updatedAt);
  if (now.getTime() - since < PREPARING_STALE_AFTER_MS) return null;
  return {
    status: 'failed',
    summary: 'Preparation stopped before the agent was launched.',
    errorText: 'The run stayed in preparation for 30 minutes without launching, so it was failed.',
    finishedAt: now.toISOString(),
  };
}

/** The launcher writes milliseconds where the runner's `date` can, whole seconds elsewhere. */
function parseFinishedAt(value: string | null): string | null {
  if (!value) return null;
  const ms = Date.parse(value.trim());
  return Number.isNaN(ms) ? null : new Date(ms).toISOString();
}
