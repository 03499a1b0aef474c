import { useCallback, useEffect, useState } from 'react';
import type { Project, TaskRow } from '@shared/contract';
import { invoke } from '@renderer/api';
import { TASK_PRIORITIES, type TaskPriority } from '@shared/domain/task';
import { Field } from '@renderer/components/Field';
import { FormDialog } from '@renderer/components/FormDialog';
import { useFormSubmit } from '@renderer/lib/use-form-submit';
import { invalidField } from '@renderer/lib/errors';
import { createTask, updateTask } from '@renderer/stores/tasks';
import { showToast } from '@renderer/stores/ui';

export interface TaskDialogProps {
  /** null creates a new task. A task's row has no summary: the dialog reads it (`tasks.get`). */
  task: TaskRow | null;
  projects: readonly Project[];
  /** The project a new task goes to unless the user picks another. */
  defaultProjectId: string | null;
  onClose(): void;
}

interface TaskForm {
  projectId: string;
  title: string;
  summary: string;
  priority: TaskPriority;
}

const TASK_FIELDS = ['projectId', 'title', 'summary', 'priority'] as const;

const PRIORITY_LABELS: Record<TaskPriority, string> = {
  high: 'High',
  medium: 'Medium',
  low: 'Low',
};

/** Where the summary of the task being edited stands: a new task's starts 'ready' and empty. */
type SummaryState = 'loading' | 'ready' | 'failed';

/**
 * Reads the summary of the task being edited into the form. Until it is read the summary field
 * is locked and a save leaves the stored summary as it is, so an edit never blanks it.
 */
function useSummaryOf(taskId: string | null, fill: (summary: string) => void): SummaryState {
  const [state, setState] = useState<SummaryState>(taskId === null ? 'ready' : 'loading');
  useEffect(() => {
    if (taskId === null) return;
    let live = true;
    invoke('tasks.get', { id: taskId })
      .then((detail) => {
        if (!live) return;
        fill(detail.summary);
        setState('ready');
      })
      .catch(() => live && setState('failed'));
    return () => {
      live = false;
    };
  }, [taskId, fill]);
  return state;
}

export function TaskDialog({ task, projects, defaultProjectId, onClose }: TaskDialogProps) {
  const [form, setForm] = useState<TaskForm>(() => ({
    projectId: task?.projectId ?? defaultProjectId ?? projects[0]?.id ?? '',
    title: task?.title ?? '',
    summary: '',
    priority: task?.priority ?? 'medium',
  }));
  const fillSummary = useCallback((summary: string) => setForm((current) => ({ ...current, summary })), []);
  const summaryState = useSummaryOf(task?.id ?? null, fillSummary);

  const { pending, errors, onSubmit, clearError } = useFormSubmit(TASK_FIELDS, async () => {
    if (task) {
      await updateTask({
        id: task.id,
        title: form.title,
        ...(summaryState === 'ready' ? { summary: form.summary } : {}),
        priority: form.priority,
      });
      showToast('info', 'Task saved.');
    } else {
      if (!form.projectId) throw invalidField('projectId', 'Pick a project.');
      await createTask({
        projectId: form.projectId,
        title: form.title,
        summary: form.summary,
        priority: form.priority,
      });
      showToast('info', 'Task created.');
    }
    onClose();
  });

  function set<K extends keyof TaskForm>(key: K, value: TaskForm[K]): void {
    setForm((current) => ({ ...current, [key]: value }));
    clearError(key);
  }

  return (
    <FormDialog
      title={task ? 'Edit task' : 'New task'}
      submitLabel={task ? 'Save task' : 'Create task'}
      pending={pending}
      onSubmit={onSubmit}
      onClose={onClose}
      size="wide"
    >
      <div className="field-row">
        {task ? null : (
          <Field label="Project" error={errors.projectId}>
            {(c) => (
              <select {...c} value={form.projectId} onChange={(e) => set('projectId', e.target.value)}>
                {projects.map((project) => (
                  <option key={project.id} value={project.id}>
                    {project.name}
                  </option>
                ))}
              </select>
            )}
          </Field>
        )}
        <Field label="Priority" error={errors.priority}>
          {(c) => (
            <select
              {...c}
              value={form.priority}
              onChange={(e) => {
                const priority = TASK_PRIORITIES.find((p) => p === e.target.value);
                if (priority) set('priority', priority);
              }}
            >
              {TASK_PRIORITIES.map((priority) => (
                <option key={priority} value={priority}>
                  {PRIORITY_LABELS[priority]}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <Field label="Title" error={errors.title}>
        {(c) => (
          <input
            {...c}
            value={form.title}
            onChange={(e) => set('title', e.target.value)}
            autoComplete="off"
            data-autofocus
          />
        )}
      </Field>
      <Field
        label="Summary"
        error={errors.summary}
        hint={
          summaryState === 'loading'
            ? 'Reading the summary…'
            : summaryState === 'failed'
              ? 'Could not read the summary: saving keeps it as it is.'
              : 'Markdown: what to do and how to know it is done. Ctrl+Enter saves.'
        }
      >
        {(c) => (
          <textarea
            {...c}
            rows={8}
            value={form.summary}
            readOnly={summaryState !== 'ready'}
            onChange={(e) => set('summary', e.target.value)}
          />
        )}
      </Field>
    </FormDialog>
  );
}
