import type { ReactNode } from 'react';
import type { Dispatch } from '@shared/contract';
import { RunCountdowns } from './RunCountdowns';
import { PullRequestAddress } from './RunResult';
import { agentName } from './run-text';

/**
 * The facts every view of a run shows, as items of the caller's `<dl>`: where and how it ran
 * (runner, agent, branch, worktree), then the view's own facts (`children`), then the pull
 * request once there is one.
 */
export function RunFactItems({
  run,
  runner,
  children,
}: {
  run: Dispatch;
  runner: ReactNode;
  children?: ReactNode;
}) {
  return (
    <>
      <div>
        <dt>Runner</dt>
        <dd>{runner}</dd>
      </div>
      <div>
        <dt>Agent</dt>
        <dd>{agentName(run.agent)}</dd>
      </div>
      <div>
        <dt>Branch</dt>
        <dd className="mono">{run.branch || '—'}</dd>
      </div>
      <div className="run-facts-wide">
        <dt>Worktree</dt>
        <dd className="mono">{run.worktreePath || '—'}</dd>
      </div>
      {run.reportedBranch || run.reportedWorktreePath ? (
        <div className="run-facts-wide" data-reported>
          <dt>The agent reported</dt>
          <dd>
            {[
              run.reportedBranch ? `branch ${run.reportedBranch}` : '',
              run.reportedWorktreePath ? `worktree ${run.reportedWorktreePath}` : '',
            ]
              .filter(Boolean)
              .join(', ')}{' '}
            <span className="muted">(shown only: Sortie uses its own branch and worktree)</span>
          </dd>
        </div>
      ) : null}
      <RunCountdowns run={run} />
      {children}
      {run.pullRequestUrl ? (
        <div className="run-facts-wide">
          <dt>Pull request</dt>
          <dd>
            <PullRequestAddress url={run.pullRequestUrl} />
          </dd>
        </div>
      ) : null}
    </>
  );
}
