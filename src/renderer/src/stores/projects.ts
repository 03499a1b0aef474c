import { useMemo } from 'react';
import type { Project, ProjectUpsertInput } from '@shared/contract';
import { invoke } from '@renderer/api';
import { createCollectionStore } from './collection-store';
import { sortProjects } from './selectors';

const projects = createCollectionStore<Project>();

export const useProjectsStore = projects.useStore;
export const applyProject = projects.apply;

export function loadProjects(): Promise<void> {
  return projects.load(() => invoke('projects.list'));
}

export async function saveProject(input: ProjectUpsertInput): Promise<Project> {
  return projects.applyReply(invoke('projects.upsert', input));
}

/** Returns how many tasks went with it. */
export async function removeProject(id: string): Promise<number> {
  const { removedTasks } = await invoke('projects.remove', { id });
  projects.apply(id, null);
  return removedTasks;
}

export function useSortedProjects(): Project[] {
  const byId = useProjectsStore((c) => c.byId);
  return useMemo(() => sortProjects(byId), [byId]);
}

export function useProject(id: string | null): Project | undefined {
  return useProjectsStore((c) => (id === null ? undefined : c.byId[id]));
}
