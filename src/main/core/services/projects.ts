import type { Project, projectUpsertInput } from '@shared/contract';
import type { z } from 'zod';
import type { EventBus } from '../events';
import type { Repositories } from '../repositories';
import { notFound } from '../errors';
import { removeWithRuns } from './removed-runs';

export interface ProjectServiceDeps {
  repos: Pick<Repositories, 'projects' | 'tasks' | 'dispatches'>;
  bus: EventBus;
}

export type ProjectService = ReturnType<typeof createProjectService>;

export function createProjectService({ repos, bus }: ProjectServiceDeps) {
  return {
    list: (): Project[] => repos.projects.list(),

    upsert(input: z.output<typeof projectUpsertInput>): Project {
      const { id, ...fields } = input;
      if (id !== undefined && !repos.projects.get(id)) throw notFound('Project', id);
      const project = id === undefined ? repos.projects.create(fields) : repos.projects.update(id, fields);
      bus.publish('project.changed', { projectId: project.id, project });
      return project;
    },

    remove(id: string): { removedTasks: number } {
      if (!repos.projects.get(id)) throw notFound('Project', id);
      // Collected first so every window can drop the tasks that go with the project.
      const taskIds = repos.tasks.list({ projectId: id, includeClosed: true }).map((t) => t.id);
      const result = removeWithRuns({ repos, bus }, { projectId: id }, () => repos.projects.remove(id));
      for (const taskId of taskIds) bus.publish('task.changed', { taskId, task: null });
      bus.publish('project.changed', { projectId: id, project: null });
      return result;
    },
  };
}
