import type { Dispatch } from '@shared/contract';
import { PREPARING_STALE_AFTER_MS } from '@shared/domain/dispatch';
import type { AgentAdapter } from '../../agents';
import type { DispatchPatch } from '../../repositories/dispatches';

/** What one poll read from a run directory. */
export interface RunSnapshot {
  /** The run directory does not exist (yet, or any more). */
  missing: boolean;
  status: string;
  result: string | null;
  finishedAt: string | null;
  exitCode: string | null;
  stderrTail: string;
}

/**
 * The reconciliation rules (BEHAVIOR item 6) as a pure function: the patch to apply to an
 * active (or released) run given its remote snapshot, or null for no change.
 */
export function reconcileFromSnapshot(
  dispatch: Dispatch,
  snapshot: RunSnapshot,
  adapter: Pick<AgentAdapter, 'parseResult'>,
  now: Date,
): DispatchPatch | null {
  const iso = now.toISOString();
  const finishedAt = parseFinishedAt(snapshot.finishedAt) ?? iso;
  const recovered: DispatchPatch = dispatch.released ? { released: false, errorText: '' } : {};

  if (snapshot.missing || snapshot.status === '') {
    if (dispatch.status === 'preparing') return stalePreparing(dispatch, now);
    if (dispatch.status === 'blocked' && dispatch.released && snapshot.missing) {
      // Nothing left to wait for on the runner: the release becomes final.
      return {
        released: false,
        errorText: 'The run directory is gone from the runner, so its outcome is unknown.',
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
      return {
        ...recovered,
        status: 'canceled',
        summary: 'Canceled.',
        finishedAt,
      };
    case 'completed': {
      try {
        if (snapshot.result === null) throw new Error('The agent finished without writing a result.');
        const outcome = adapter.parseResult(snapshot.result);
        return {
          ...recovered,
          status: outcome.status,
          summary: outcome.summary,
          pullRequestUrl: outcome.pullRequestUrl ?? dispatch.pullRequestUrl,
          branch: outcome.branchName ?? dispatch.branch,
          worktreePath: outcome.worktreePath || dispatch.worktreePath,
          notes: outcome.notes ?? '',
          errorText: '',
          finishedAt,
        };
      } catch (error) {
        return {
          ...recovered,
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
