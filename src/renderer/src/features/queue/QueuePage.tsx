import { useCallback, useMemo, useState } from 'react';
import type { Project, Task } from '@shared/contract';
import { ConfirmDialog } from '@renderer/components/ConfirmDialog';
import { EmptyState } from '@renderer/components/EmptyState';
import { PageHeader } from '@renderer/components/PageHeader';
import { useProjectsStore, useSortedProjects } from '@renderer/stores/projects';
import {
  deleteTask,
  loadTasks,
  useOpenTaskCounts,
  useTasksStore,
  useVisibleTasks,
} from '@renderer/stores/tasks';
import { selectQueueProject, setShowClosed, showToast, useUiStore } from '@renderer/stores/ui';
import { errorMessage } from '@renderer/lib/errors';
import { DeleteProjectDialog } from './DeleteProjectDialog';
import { ProjectDialog } from './ProjectDialog';
import { ProjectSidebar } from './ProjectSidebar';
import { TaskDialog } from './TaskDialog';
import { TaskPanel } from './TaskPanel';
import { useNewTaskHotkey } from './use-new-task-hotkey';

type QueueDialog =
  | { kind: 'project'; project: Project | null }
  | { kind: 'delete-project'; project: Project }
  | { kind: 'task'; task: Task | null }
  | { kind: 'delete-task'; task: Task }
  | null;

export function QueuePage() {
  const projects = useSortedProjects();
  const projectsStatus = useProjectsStore((c) => c.status);
  const tasksLoading = useTasksStore((c) => c.status === 'loading' || c.status === 'idle');
  const selectedId = useUiStore((s) => s.queueProjectId);
  const showClosed = useUiStore((s) => s.showClosed);
  const [dialog, setDialog] = useState<QueueDialog>(null);

  // A project deleted elsewhere falls back to "All projects".
  const selected = projects.find((p) => p.id === selectedId) ?? null;
  const tasks = useVisibleTasks({ projectId: selected?.id ?? null, showClosed });
  const openCounts = useOpenTaskCounts();
  const projectNames = useMemo(() => new Map(projects.map((p) => [p.id, p.name])), [projects]);

  const close = useCallback(() => setDialog(null), []);
  const newProject = useCallback(() => setDialog({ kind: 'project', project: null }), []);
  const newTask = useCallback(() => {
    if (projects.length === 0) {
      showToast('info', 'Add a project first: every task belongs to one.');
      setDialog({ kind: 'project', project: null });
    } else {
      setDialog({ kind: 'task', task: null });
    }
  }, [projects.length]);
  const editTask = useCallback((task: Task) => setDialog({ kind: 'task', task }), []);
  const askDeleteTask = useCallback((task: Task) => setDialog({ kind: 'delete-task', task }), []);
  useNewTaskHotkey(newTask);

  function toggleClosed(show: boolean): void {
    setShowClosed(show);
    if (show) loadTasks(true).catch((error: unknown) => showToast('error', errorMessage(error)));
  }

  const noProjects = projects.length === 0 && projectsStatus !== 'loading' && projectsStatus !== 'idle';

  return (
    <div className="page">
      <PageHeader
        title="Queue"
        actions={
          <button type="button" className="button button-primary" onClick={newTask} aria-keyshortcuts="n">
            New task <kbd aria-hidden="true">N</kbd>
          </button>
        }
      />
      {noProjects ? (
        <EmptyState
          title="No projects yet"
          action={
            <button type="button" className="button button-primary" onClick={newProject}>
              Add a project
            </button>
          }
        >
          A project is a repository your agents work on. Add one, then queue tasks for it; Sortie runs them on
          your runners and reports back with a pull request.
        </EmptyState>
      ) : (
        <div className="queue">
          <ProjectSidebar
            projects={projects}
            openCounts={openCounts}
            selectedId={selected?.id ?? null}
            onSelect={selectQueueProject}
            onAdd={newProject}
          />
          <TaskPanel
            project={selected}
            projectNames={projectNames}
            tasks={tasks}
            loading={tasksLoading}
            showClosed={showClosed}
            onShowClosed={toggleClosed}
            onNewTask={newTask}
            onEditTask={editTask}
            onDeleteTask={askDeleteTask}
            onEditProject={(project) => setDialog({ kind: 'project', project })}
            onDeleteProject={(project) => setDialog({ kind: 'delete-project', project })}
          />
        </div>
      )}
      {dialog?.kind === 'project' ? (
        <ProjectDialog
          project={dialog.project}
          onClose={close}
          onSaved={(project) => selectQueueProject(project.id)}
        />
      ) : null}
      {dialog?.kind === 'delete-project' ? (
        <DeleteProjectDialog project={dialog.project} onClose={close} />
      ) : null}
      {dialog?.kind === 'task' ? (
        <TaskDialog
          task={dialog.task}
          projects={projects}
          defaultProjectId={selected?.id ?? null}
          onClose={close}
        />
      ) : null}
      {dialog?.kind === 'delete-task' ? (
        <ConfirmDialog
          title="Delete this task?"
          confirmLabel="Delete task"
          onClose={close}
          onConfirm={async () => {
            await deleteTask(dialog.task.id);
            showToast('info', `Deleted “${dialog.task.title}”.`);
          }}
        >
          <p>“{dialog.task.title}” will be deleted. This cannot be undone.</p>
        </ConfirmDialog>
      ) : null}
    </div>
  );
}
