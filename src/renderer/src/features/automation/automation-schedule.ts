import type { Project, Settings } from '@shared/contract';
import { plural } from '@renderer/lib/format';

/**
 * When the automation looks at pull requests by itself: on Settings' interval while the review
 * follow-up is on or some project follows up failing checks or closes tasks on merge.
 */
export function automationSchedule(
  settings: Pick<Settings, 'reviewFollowUpEnabled' | 'reviewFollowUpIntervalMinutes'> | null,
  projects: readonly Pick<Project, 'followUpFailingChecks' | 'closeOnMerge'>[],
): string {
  if (!settings) return '';
  const timed =
    settings.reviewFollowUpEnabled || projects.some((p) => p.followUpFailingChecks || p.closeOnMerge);
  if (!timed) {
    return 'Sortie looks at pull requests only when asked: turn on the review follow-up in Settings, or a project’s follow-up of failing checks, to have it look on its own.';
  }
  return `Sortie looks at the pull requests of open tasks every ${plural(settings.reviewFollowUpIntervalMinutes, 'minute')}, and when asked.`;
}
