import type { Task, TaskDetail, taskCreateInput, taskUpdateInput } from '@shared/contract';
import type { z } from 'zod';
import type { EventBus } from '../events';
import type { Repositories } from '../repositories';
import { notFound } from '../errors';

export interface TaskServiceDeps {
  repos: Pick<Repositories, 'tasks' | 'projects'>;
  bus: EventBus;
}

export type TaskService = ReturnType<typeof createTaskService>;

export function createTaskService({ repos, bus }: TaskServiceDeps) {
  const publish = (task: Task) => bus.publish('task.changed', { taskId: task.id, task });

  return {
    list: (filter: { projectId?: string; includeClosed: boolean }): Task[] => {
      if (filter.projectId !== undefined && !repos.projects.get(filter.projectId)) {
        throw notFound('Project', filter.projectId);
      }
      return repos.tasks.list(filter);
    },

    get(id: string): TaskDetail {
      const detail = repos.tasks.getDetail(id);
      if (!detail) throw notFound('Task', id);
      return detail;
    },

    create(input: z.output<typeof taskCreateInput>): Task {
      const task = repos.tasks.create(input);
      publish(task);
      return task;
    },

    update(input: z.output<typeof taskUpdateInput>): Task {
      const { id, ...patch } = input;
      if (!repos.tasks.get(id)) throw notFound('Task', id);
      const task = repos.tasks.update(id, patch);
      publish(task);
      return task;
    },

    remove(id: string): { deleted: true } {
      if (!repos.tasks.get(id)) throw notFound('Task', id);
      repos.tasks.remove(id);
      bus.publish('task.changed', { taskId: id, task: null });
      return { deleted: true };
    },
  };
}
