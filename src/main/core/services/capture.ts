import type { CapturePreview, Dispatch, Task, capturePreviewInput, taskCaptureInput } from '@shared/contract';
import type { z } from 'zod';
import { AppError } from '../errors';
import type { Repositories } from '../repositories';
import { parseCapture } from './capture-parser';
import type { DispatchService } from './dispatch/service';
import { checkRunnable } from './dispatch/prerequisites';
import type { TaskService } from './tasks';

export type CaptureService = ReturnType<typeof createCaptureService>;

/**
 * Quick capture: a one-line note becomes a task, and optionally its run is queued. Everything
 * is checked before anything is written, so a bad note or a missing runner creates nothing.
 */
export function createCaptureService(deps: {
  repos: Pick<Repositories, 'projects' | 'runners' | 'tasks'>;
  tasks: TaskService;
  dispatches: DispatchService;
}) {
  return {
    async capture(
      input: z.output<typeof taskCaptureInput>,
    ): Promise<{ task: Task; dispatch: Dispatch | null }> {
      const parsed = parseCapture(input.note);
      const iterate = input.iterate ?? parsed.iterate;
      const project = deps.repos.projects.findByNameOrAlias(parsed.projectWord);
      if (!project) throw unknownProject(parsed.projectWord);
      // A note that says what must pass is a run: it is queued as a chain.
      const queue = input.queue || iterate !== null;
      if (queue) checkRunnable(deps.repos, project, input.runnerId);
      const task = deps.tasks.create({
        projectId: project.id,
        title: parsed.title,
        summary: '',
        priority: parsed.priority,
        note: input.note.trim(),
        source: input.source,
      });
      if (!queue) return { task, dispatch: null };
      try {
        const dispatch = await deps.dispatches.queue({
          taskId: task.id,
          runnerId: input.runnerId,
          agent: input.agent,
          ...(iterate ? { iterate } : {}),
        });
        return { task, dispatch };
      } catch (error) {
        // Checked above, so this is rare (e.g. the runner was removed meanwhile): keep it all or nothing.
        deps.tasks.remove(task.id);
        throw error;
      }
    },

    /**
     * What `capture` would make of the input, checked the same way and in the same order, with
     * nothing written: the first check that fails is the preview's problem.
     */
    preview(input: z.output<typeof capturePreviewInput>): CapturePreview {
      const preview: CapturePreview = {
        projectWord: input.note.trim().split(/\s+/u)[0] ?? '',
        project: null,
        priority: null,
        title: null,
        iterate: null,
        queue: input.queue,
        runner: null,
        agent: null,
        problem: null,
      };
      try {
        const parsed = parseCapture(input.note);
        preview.projectWord = parsed.projectWord;
        preview.priority = parsed.priority;
        preview.title = parsed.title;
        preview.iterate = input.iterate ?? parsed.iterate;
        preview.queue = input.queue || preview.iterate !== null;
        const project = deps.repos.projects.findByNameOrAlias(parsed.projectWord);
        if (!project) throw unknownProject(parsed.projectWord);
        preview.project = { id: project.id, name: project.name };
        if (preview.queue) {
          const { runner } = checkRunnable(deps.repos, project, input.runnerId);
          preview.runner = { id: runner.id, name: runner.name };
          preview.agent = input.agent ?? runner.defaultAgent;
        }
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        preview.problem = error.message.replace(/^note: /, '');
      }
      return preview;
    },
  };

  function unknownProject(word: string): AppError {
    const known = deps.repos.projects.list().map((p) => p.name);
    return new AppError(
      'VALIDATION_FAILED',
      `note: there is no project called "${word}"${known.length ? ` (projects: ${known.join(', ')})` : '; add one first'}`,
      'note',
    );
  }
}
