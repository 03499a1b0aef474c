import { useState } from 'react';
import type { Runner, RunChain, Task } from '@shared/contract';
import type { AgentKind } from '@shared/domain/dispatch';
import { errorMessage } from '@renderer/lib/errors';
import { useProject } from '@renderer/stores/projects';
import { queueRun } from '@renderer/stores/run-actions';
import { showToast } from '@renderer/stores/ui';
import { CancelChainButton } from './CancelChainButton';
import { defaultIterate } from './iterate-form';
import { RunUntilPassesDialog } from './RunUntilPassesDialog';
import { RunUntilPassesEntries } from './RunUntilPassesEntries';

/**
 * The task page's "Run until the eval passes…" (its dialog) and, when the project has a default
 * eval command, "Run until `npm test` passes (max 3)", on the runner and agent picked above.
 */
export function RunUntilPassesActions({
  task,
  runner,
  agent,
  disabled,
}: {
  task: Task;
  runner: Runner;
  agent: AgentKind;
  disabled: boolean;
}) {
  const evalCommand = useProject(task.projectId)?.defaultEvalCommand ?? '';
  const [dialogOpen, setDialogOpen] = useState(false);
  const [pending, setPending] = useState(false);

  function runDefault(): void {
    setPending(true);
    queueRun({ taskId: task.id, runnerId: runner.id, agent, iterate: defaultIterate(evalCommand) })
      .then(() => showToast('info', `Running on ${runner.name} until \`${evalCommand}\` passes.`))
      .catch((error: unknown) => showToast('error', errorMessage(error)))
      .finally(() => setPending(false));
  }

  return (
    <>
      <RunUntilPassesEntries
        look="panel"
        evalCommand={evalCommand}
        disabled={disabled || pending}
        onRunDefault={runDefault}
        onChoose={() => setDialogOpen(true)}
      />
      {dialogOpen ? (
        <RunUntilPassesDialog
          task={task}
          defaultEvalCommand={evalCommand}
          runner={runner}
          agent={agent}
          onClose={() => setDialogOpen(false)}
        />
      ) : null}
    </>
  );
}

/** The task's chain between two runs, while its eval runs: what it runs, and a way to stop it. */
export function ChainEvaluating({ chain }: { chain: RunChain }) {
  return (
    <div className="active-run">
      <p>
        Iteration {chain.iteration}/{chain.maxIterations}: running <code>{chain.evalCommand}</code> in the
        run’s worktree.
      </p>
      <div className="panel-actions">
        <CancelChainButton chain={chain} />
      </div>
    </div>
  );
}
