import { useEffect, useState } from 'react';
import type { Project } from '@shared/contract';
import { invoke } from '@renderer/api';
import { ConfirmDialog } from '@renderer/components/ConfirmDialog';
import { plural } from '@renderer/lib/format';
import { countPages, pagesOf } from '@renderer/stores/paged-load';
import { removeProject } from '@renderer/stores/projects';
import { dropTasksOfProject } from '@renderer/stores/tasks';
import { showToast } from '@renderer/stores/ui';

type Count = { state: 'counting' } | { state: 'known'; count: number } | { state: 'unknown' };

/** Counts every task of the project, closed ones too, so the warning tells the whole truth. */
function useTaskCount(projectId: string): Count {
  const [count, setCount] = useState<Count>({ state: 'counting' });
  useEffect(() => {
    let live = true;
    countPages(
      pagesOf((cursor) => invoke('tasks.list', { projectId, includeClosed: true, limit: 1000, cursor })),
    )
      .then((count) => live && setCount({ state: 'known', count }))
      .catch(() => live && setCount({ state: 'unknown' }));
    return () => {
      live = false;
    };
  }, [projectId]);
  return count;
}

export function DeleteProjectDialog({ project, onClose }: { project: Project; onClose(): void }) {
  const count = useTaskCount(project.id);

  async function confirm(): Promise<void> {
    const removed = await removeProject(project.id);
    dropTasksOfProject(project.id);
    showToast('info', `Deleted ${project.name} and ${plural(removed, 'task')}.`);
  }

  return (
    <ConfirmDialog
      title={`Delete project ${project.name}?`}
      confirmLabel="Delete project"
      onConfirm={confirm}
      onClose={onClose}
      ready={count.state !== 'counting'}
    >
      {count.state === 'counting' ? (
        <p>Counting its tasks…</p>
      ) : count.state === 'known' ? (
        <p>
          {count.count === 0
            ? 'It has no tasks.'
            : `Its ${plural(count.count, 'task')} (open and closed) will be deleted with it.`}{' '}
          This cannot be undone.
        </p>
      ) : (
        <p>All of its tasks will be deleted with it. This cannot be undone.</p>
      )}
    </ConfirmDialog>
  );
}
