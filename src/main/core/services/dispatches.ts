import type { Dispatch } from '@shared/contract';
import type { Repositories } from '../repositories';
import { notFound } from '../errors';

export interface DispatchServiceDeps {
  repos: Pick<Repositories, 'dispatches' | 'tasks'>;
}

export type DispatchService = ReturnType<typeof createDispatchService>;

/** Read side of task runs; queueing, launching and reconciling arrive with the runs issue. */
export function createDispatchService({ repos }: DispatchServiceDeps) {
  return {
    list: (filter: { activeOnly: boolean; limit: number }): Dispatch[] => repos.dispatches.list(filter),
    history(taskId: string): Dispatch[] {
      if (!repos.tasks.get(taskId)) throw notFound('Task', taskId);
      return repos.dispatches.listForTask(taskId);
    },
  };
}
