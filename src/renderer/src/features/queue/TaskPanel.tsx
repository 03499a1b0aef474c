import { useId } from 'react';
import type { Project, Task } from '@shared/contract';
import { EmptyState } from '@renderer/components/EmptyState';
import { plural } from '@renderer/lib/format';
import { TaskRow } from './TaskRow';

export interface TaskPanelProps {
  /** null: every project. */
  project: Project | null;
  projectNames: ReadonlyMap<string, string>;
  tasks: readonly Task[];
  loading: boolean;
  showClosed: boolean;
  onShowClosed(show: boolean): void;
  onNewTask(): void;
  onEditTask(task: Task): void;
  onDeleteTask(task: Task): void;
  onEditProject(project: Project): void;
  onDeleteProject(project: Project): void;
}

export function TaskPanel(props: TaskPanelProps) {
  const { project, tasks, showClosed, loading } = props;
  const headingId = useId();
  const toggleId = useId();
  return (
    <section className="task-panel" aria-labelledby={headingId}>
      <div className="section-heading">
        <h2 id={headingId}>{project ? `Tasks of ${project.name}` : 'All tasks'}</h2>
        <span className="muted">{plural(tasks.length, showClosed ? 'task' : 'open task')}</span>
        <div className="spacer" />
        <label className="toggle" htmlFor={toggleId}>
          <input
            id={toggleId}
            type="checkbox"
            checked={showClosed}
            onChange={(event) => props.onShowClosed(event.target.checked)}
          />
          Show closed
        </label>
        {project ? (
          <>
            <button
              type="button"
              className="button button-small"
              onClick={() => props.onEditProject(project)}
            >
              Edit project
            </button>
            <button
              type="button"
              className="button button-small button-danger-quiet"
              onClick={() => props.onDeleteProject(project)}
            >
              Delete project
            </button>
          </>
        ) : null}
      </div>
      {project && (project.description || project.repoUrl) ? <ProjectFacts project={project} /> : null}
      {tasks.length > 0 ? (
        <ul className="task-list" aria-label="Tasks">
          {tasks.map((task) => (
            <TaskRow
              key={task.id}
              task={task}
              projectName={project ? null : (props.projectNames.get(task.projectId) ?? null)}
              onEdit={props.onEditTask}
              onDelete={props.onDeleteTask}
            />
          ))}
        </ul>
      ) : loading ? (
        <p className="muted loading">Loading tasks…</p>
      ) : (
        <EmptyState
          title={showClosed ? 'No tasks here yet' : 'No open tasks'}
          action={
            <button type="button" className="button button-primary" onClick={props.onNewTask}>
              Create a task
            </button>
          }
        >
          A task is one piece of work for an agent: a title and a summary of what done looks like. Press{' '}
          <kbd>N</kbd> to create one from anywhere on this page.
        </EmptyState>
      )}
    </section>
  );
}

function ProjectFacts({ project }: { project: Project }) {
  return (
    <dl className="project-facts">
      {project.repoUrl ? (
        <>
          <dt>Repository</dt>
          <dd className="mono">{project.repoUrl}</dd>
        </>
      ) : null}
      <dt>Base branch</dt>
      <dd className="mono">{project.baseBranch}</dd>
      {project.aliases.length > 0 ? (
        <>
          <dt>Aliases</dt>
          <dd>{project.aliases.join(', ')}</dd>
        </>
      ) : null}
      {project.description ? (
        <>
          <dt>Description</dt>
          <dd className="prewrap">{project.description}</dd>
        </>
      ) : null}
    </dl>
  );
}
