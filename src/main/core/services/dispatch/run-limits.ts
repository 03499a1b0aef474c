import type { Project } from '@shared/contract';
import { DEFAULT_MAX_RUN_MINUTES } from '@shared/domain/dispatch';

/** The limits of a run no project sets them for (a review of a repository no project has). */
export const DEFAULT_LIMITS: Pick<Project, 'maxRunMinutes'> = { maxRunMinutes: null };

/** How long a run of the project may go before it is stopped as timed out. */
export function maxRunMs(project: Pick<Project, 'maxRunMinutes'>): number {
  return (project.maxRunMinutes ?? DEFAULT_MAX_RUN_MINUTES) * 60_000;
}

/** When a run of the project whose agent starts at `start` is stopped as timed out. */
export function runDeadline(project: Pick<Project, 'maxRunMinutes'>, start: Date): string {
  return new Date(start.getTime() + maxRunMs(project)).toISOString();
}

/** "4 h", "90 min": a maximum run time as people say it. */
export function describeDuration(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  if (minutes % 60 === 0) return `${minutes / 60} h`;
  return `${minutes} min`;
}
