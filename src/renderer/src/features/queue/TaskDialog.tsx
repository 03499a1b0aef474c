import { useState } from 'react';
import type { Project, Task } from '@shared/contract';
import { TASK_PRIORITIES, type TaskPriority } from '@shared/domain/task';
import { Field } from '@renderer/components/Field';
import { FormDialog } from '@renderer/components/FormDialog';
import { useFormSubmit } from '@renderer/lib/use-form-submit';
import { invalidField } from '@renderer/lib/errors';
import { createTask, updateTask } from '@renderer/stores/tasks';
import { showToast } from '@renderer/stores/ui';

export interface TaskDialogProps {
  /** null creates a new task. */
  task: Task | null;
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

export function TaskDialog({ task, projects, defaultProjectId, onClose }: TaskDialogProps) {
  const [form, setForm] = useState<TaskForm>(() => ({
    projectId: task?.projectId ?? defaultProjectId ?? projects[0]?.id ?? '',
    title: task?.title ?? '',
    summary: task?.summary ?? '',
    priority: task?.priority ?? 'medium',
  }));

  const { pending, errors, onSubmit, clearError } = useFormSubmit(TASK_FIELDS, async () => {
    if (task) {
      await updateTask({
        id: task.id,
        title: form.title,
        summary: form.summary,
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
        hint="Markdown: what to do and how to know it is done. Ctrl+Enter saves."
      >
        {(c) => (
          <textarea {...c} rows={8} value={form.summary} onChange={(e) => set('summary', e.target.value)} />
        )}
      </Field>
    </FormDialog>
  );
}
