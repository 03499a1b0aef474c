import type { AutomationOutcome } from '@shared/domain/automation';
import type { Tone } from '@renderer/features/pull-requests/pull-request-labels';

/** Each decision of the automation as people read it, and its badge's colour. */
export const OUTCOME_LABELS: Record<AutomationOutcome, { label: string; tone: Tone }> = {
  'queued-follow-up': { label: 'Follow-up queued for review feedback', tone: 'accent' },
  'queued-check-fix': { label: 'Follow-up queued for failing checks', tone: 'accent' },
  'check-fix-limit': { label: 'Stopped fixing checks', tone: 'warn' },
  'requested-review': { label: 'Review requested', tone: 'ok' },
  'skipped-closed': { label: 'Merged or closed', tone: 'muted' },
  'skipped-active': { label: 'A run is going', tone: 'muted' },
  'no-new-feedback': { label: 'Nothing new', tone: 'muted' },
  failed: { label: 'Failed', tone: 'danger' },
};
