import type {
  ChannelParsedInput,
  CountedPage,
  ListOrder,
  PagePosition,
  Task,
  TaskDetail,
  TaskRow,
  taskCreateInput,
  taskUpdateInput,
} from '@shared/contract';
import type { z } from 'zod';
import type { EventBus } from '../events';
import type { Repositories } from '../repositories';
import { notFound } from '../errors';
import { formatEventsPosition } from '@shared/contract/events-position';
import { toListPage } from '../repositories/page';
import { removeWithRuns } from './removed-runs';
import { readQueueBoard } from './queue-board';

/** What `tasks.list` takes, validated: filters, then the page. */
export interface TaskListInput {
  projectId?: string;
  includeClosed: boolean;
  order: ListOrder;
  limit: number;
  cursor?: PagePosition;
}

export interface TaskServiceDeps {
  repos: Pick<Repositories, 'tasks' | 'projects' | 'dispatches'>;
  bus: EventBus;
}

export type TaskService = ReturnType<typeof createTaskService>;

export function createTaskService({ repos, bus }: TaskServiceDeps) {
  const publish = (task: Task) => bus.publish('task.changed', { taskId: task.id, task });

  return {
    list: ({ projectId, includeClosed, order, limit, cursor }: TaskListInput): CountedPage<TaskRow> => {
      if (projectId !== undefined && !repos.projects.get(projectId)) throw notFound('Project', projectId);
      const filter = { projectId, includeClosed };
      // All read in one synchronous turn on the data directory's only connection: they agree.
      return {
        ...toListPage(repos.tasks.listRows(filter, { limit, after: cursor ?? null }, order)),
        total: repos.tasks.countRows(filter),
        asOf: formatEventsPosition(bus.position()),
      };
    },

    /** The Queue's board as it first shows: lane counts and each lane's first cards. */
    board: (input: ChannelParsedInput<'queue.board'>) => readQueueBoard(repos, input),

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
      removeWithRuns({ repos, bus }, { taskId: id }, () => repos.tasks.remove(id));
      bus.publish('task.changed', { taskId: id, task: null });
      return { deleted: true };
    },
  };
}
