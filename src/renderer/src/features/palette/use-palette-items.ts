import { useMemo } from 'react';
import { useDispatchesStore } from '@renderer/stores/dispatches';
import { useSortedProjects } from '@renderer/stores/projects';
import { useReviewsStore } from '@renderer/stores/reviews';
import { useSortedRunners } from '@renderer/stores/runners';
import { useTasksStore } from '@renderer/stores/tasks';
import { paletteItems, type PaletteItem } from './palette-items';

/** The palette's items from what the window's stores hold now. */
export function usePaletteItems(): PaletteItem[] {
  const tasks = useTasksStore((c) => c.byId);
  const runs = useDispatchesStore((c) => c.byId);
  const reviews = useReviewsStore((c) => c.byId);
  const runners = useSortedRunners();
  const projects = useSortedProjects();
  return useMemo(
    () =>
      paletteItems({
        tasks: Object.values(tasks),
        runs: Object.values(runs),
        reviews: Object.values(reviews),
        runners,
        projects,
      }),
    [tasks, runs, reviews, runners, projects],
  );
}
