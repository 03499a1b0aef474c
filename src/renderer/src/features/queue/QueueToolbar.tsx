import { useId, type KeyboardEvent, type Ref } from 'react';
import type { Project } from '@shared/contract';
import { TASK_PRIORITIES, type TaskPriority } from '@shared/domain/task';
import { setQueueText, toggleQueuePriority } from '@renderer/stores/queue-view';

const PRIORITY_LABELS: Record<TaskPriority, string> = { high: 'High', medium: 'Medium', low: 'Low' };

export interface QueueToolbarProps {
  projects: readonly Project[];
  openCounts: ReadonlyMap<string, number>;
  selected: Project | null;
  onSelectProject(projectId: string | null): void;
  priorities: readonly TaskPriority[];
  text: string;
  searchInput: Ref<HTMLInputElement>;
  showClosed: boolean;
  onShowClosed(show: boolean): void;
  onAddProject(): void;
  onEditProject(project: Project): void;
  onDeleteProject(project: Project): void;
}

/** Filters (project, priority, title) and the project's own actions, above the lanes. */
export function QueueToolbar(props: QueueToolbarProps) {
  const { projects, openCounts, selected, priorities, text, searchInput, showClosed } = props;
  const { onSelectProject, onShowClosed, onAddProject, onEditProject, onDeleteProject } = props;
  const id = useId();
  const total = [...openCounts.values()].reduce((sum, n) => sum + n, 0);

  function onSearchKey(event: KeyboardEvent<HTMLInputElement>): void {
    if (event.key !== 'Escape') return;
    event.preventDefault();
    if (text !== '') setQueueText('');
    else event.currentTarget.blur();
  }

  return (
    <div className="queue-toolbar">
      <div className="toolbar-field">
        <label className="field-label" htmlFor={`${id}-project`}>
          Project
        </label>
        <select
          id={`${id}-project`}
          value={selected?.id ?? ''}
          onChange={(event) => onSelectProject(event.target.value || null)}
        >
          <option value="">All projects ({total})</option>
          {projects.map((project) => (
            <option key={project.id} value={project.id}>
              {project.name} ({openCounts.get(project.id) ?? 0})
            </option>
          ))}
        </select>
      </div>
      <div className="toolbar-field" role="group" aria-label="Priority">
        <span className="field-label" aria-hidden="true">
          Priority
        </span>
        <div className="segmented">
          {TASK_PRIORITIES.map((priority) => (
            <button
              key={priority}
              type="button"
              className={`segment priority-toggle-${priority}`}
              aria-pressed={priorities.includes(priority)}
              onClick={() => toggleQueuePriority(priority)}
            >
              {PRIORITY_LABELS[priority]}
            </button>
          ))}
        </div>
      </div>
      <div className="toolbar-field toolbar-search">
        <label className="field-label" htmlFor={`${id}-search`}>
          Search
        </label>
        <input
          id={`${id}-search`}
          ref={searchInput}
          type="search"
          value={text}
          placeholder="Titles…"
          aria-keyshortcuts="/"
          onChange={(event) => setQueueText(event.target.value)}
          onKeyDown={onSearchKey}
          autoComplete="off"
          spellCheck={false}
        />
        <kbd aria-hidden="true">/</kbd>
      </div>
      <label className="toggle">
        <input
          type="checkbox"
          checked={showClosed}
          onChange={(event) => onShowClosed(event.target.checked)}
        />
        Show closed
      </label>
      <span className="spacer" />
      {selected ? (
        <>
          <button type="button" className="button button-small" onClick={() => onEditProject(selected)}>
            Edit project
          </button>
          <button
            type="button"
            className="button button-small button-danger-quiet"
            onClick={() => onDeleteProject(selected)}
          >
            Delete project
          </button>
        </>
      ) : null}
      <button type="button" className="button button-small" onClick={onAddProject}>
        Add project
      </button>
    </div>
  );
}
