import { useEffect } from 'react';
import { explainError } from '@renderer/components/error-advice';
import { loadTasks, useTasksStore } from '@renderer/stores/tasks';
import { showToast } from '@renderer/stores/ui';

/**
 * Closed tasks are not loaded for the queue; lists naming tasks (runs, automation decisions) load
 * them when some title is missing, once per load of the tasks (a reload after a reconnect leaves
 * them out again).
 */
let titlesLoadSeq = -1;

export function useClosedTaskTitles(missingTitles: boolean): void {
  const tasksLoadSeq = useTasksStore((c) => c.loadSeq);
  useEffect(() => {
    if (!missingTitles || tasksLoadSeq === titlesLoadSeq) return;
    loadTasks(true).catch((error: unknown) =>
      showToast('error', `Could not load the titles of closed tasks: ${explainError(error)}`),
    );
    titlesLoadSeq = useTasksStore.getState().loadSeq;
  }, [missingTitles, tasksLoadSeq]);
}
