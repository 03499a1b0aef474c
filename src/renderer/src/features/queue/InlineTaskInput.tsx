import { useId, useState, type FormEvent, type KeyboardEvent } from 'react';
import type { Project, Task } from '@shared/contract';
import { fieldMessage } from '@renderer/lib/errors';
import { createTask } from '@renderer/stores/tasks';

export interface InlineTaskInputProps {
  /** The project picked in the filter; null: all projects. */
  project: Project | null;
  projects: readonly Project[];
  onCreated(task: Task): void;
}

/**
 * A one-line input at the top of the backlog: Enter creates a task with medium priority in the
 * selected project (with all projects shown, in the one picked beside it).
 */
export function InlineTaskInput({ project, projects, onCreated }: InlineTaskInputProps) {
  const id = useId();
  const [title, setTitle] = useState('');
  const [pickedId, setPickedId] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const target = project ?? projects.find((p) => p.id === pickedId) ?? projects[0] ?? null;
  const needsPick = project === null && projects.length > 1;

  async function submit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    if (pending || !target) return;
    if (title.trim() === '') {
      setError('Type a title first.');
      return;
    }
    setPending(true);
    // Cleared at once: the card may show (by its event) before the reply, and the next title
    // can be typed meanwhile. A failure gives the title back if nothing new was typed.
    const typed = title;
    setTitle('');
    try {
      const task = await createTask({ projectId: target.id, title: typed, priority: 'medium' });
      setError(null);
      onCreated(task);
    } catch (failure) {
      setTitle((current) => (current === '' ? typed : current));
      setError(fieldMessage(failure));
    } finally {
      setPending(false);
    }
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>): void {
    if (event.key !== 'Escape') return;
    setTitle('');
    setError(null);
    event.currentTarget.blur();
  }

  return (
    <form className="quick-add" onSubmit={(event) => void submit(event)} noValidate>
      {needsPick ? (
        <select
          className="quick-add-project"
          aria-label="Project of the new task"
          value={target?.id ?? ''}
          onChange={(event) => setPickedId(event.target.value)}
        >
          {projects.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </select>
      ) : null}
      <input
        className="quick-add-input"
        aria-label="New task title"
        aria-invalid={error !== null}
        aria-describedby={error ? `${id}-error` : undefined}
        placeholder={target ? `New task in ${target.name}… ⏎` : 'New task…'}
        value={title}
        maxLength={300}
        disabled={!target}
        onChange={(event) => {
          setTitle(event.target.value);
          if (error) setError(null);
        }}
        onKeyDown={onKeyDown}
        autoComplete="off"
      />
      {error ? (
        <p id={`${id}-error`} className="field-error" role="alert">
          {error}
        </p>
      ) : null}
    </form>
  );
}
