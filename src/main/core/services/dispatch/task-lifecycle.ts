import type { Task, taskUpdateInput } from '@shared/contract';
import type { z } from 'zod';
import type { Clock } from '../../clock';
import { notFound } from '../../errors';
import type { Logger } from '../../logger';
import type { RemotePool } from '../../remote';
import type { Repositories } from '../../repositories';
import type { TaskService } from '../tasks';
import type { DispatchRecorder } from './recorder';
import type { StartGate } from './start-gate';
import { cleanupTaskArtifacts, finalizeActiveRuns } from './task-cleanup';

/**
 * Closing a task cleans its remote worktrees and cancels its active runs; deleting also
 * removes run directories and history (BEHAVIOR item 9). If a runner cannot be reached the
 * local change still happens and the runs are finalized with the reason.
 */
export function createTaskLifecycle(deps: {
  repos: Repositories;
  tasks: TaskService;
  recorder: DispatchRecorder;
  pool: RemotePool;
  gate: StartGate;
  clock: Clock;
  logger: Logger;
  /** Ends the task's chains (iterate until an eval passes), stopping their evals. */
  endChains(taskId: string, why: string): void;
}) {
  const { repos, tasks } = deps;

  return {
    update(input: z.output<typeof taskUpdateInput>): Promise<Task> {
      return deps.gate.run(input.id, async () => {
        const task = repos.tasks.get(input.id);
        if (!task) throw notFound('Task', input.id);
        if (input.status === 'closed' && task.status !== 'closed') {
          deps.endChains(task.id, 'the task was closed');
          const history = repos.dispatches.listForTask(task.id);
          if (history.length > 0) {
            try {
              await cleanupTaskArtifacts(deps, history, 'close');
              finalizeActiveRuns(deps, history, 'Canceled because the task was closed.', '');
            } catch (error) {
              const reason = error instanceof Error ? error.message : String(error);
              deps.logger.warn('remote cleanup skipped while closing a task', { taskId: task.id, reason });
              finalizeActiveRuns(
                deps,
                history,
                'Canceled because the task was closed; remote cleanup was skipped.',
                reason,
              );
            }
          }
        }
        return tasks.update(input);
      });
    },

    remove(id: string): Promise<{ deleted: true }> {
      return deps.gate.run(id, async () => {
        if (!repos.tasks.get(id)) throw notFound('Task', id);
        deps.endChains(id, 'the task was deleted');
        const history = repos.dispatches.listForTask(id);
        if (history.length > 0) {
          try {
            await cleanupTaskArtifacts(deps, history, 'delete');
          } catch (error) {
            deps.logger.warn('remote cleanup skipped while deleting a task', {
              taskId: id,
              error: String(error),
            });
          }
        }
        return tasks.remove(id);
      });
    },
  };
}
