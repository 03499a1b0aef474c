import type { ChannelInput, Settings } from '@shared/contract';
import type { Theme } from '@shared/domain/settings';
import { invalidField } from '@renderer/lib/errors';

export interface SettingsForm {
  githubMainUser: string;
  notificationsEnabled: boolean;
  theme: Theme;
  reviewFollowUpEnabled: boolean;
  reviewFollowUpIntervalMinutes: string;
  defaultReviewPrompt: string;
}

export const SETTINGS_FIELDS = [
  'githubMainUser',
  'notificationsEnabled',
  'theme',
  'reviewFollowUpEnabled',
  'reviewFollowUpIntervalMinutes',
  'defaultReviewPrompt',
] as const satisfies readonly (keyof SettingsForm)[];

export function settingsToForm(settings: Settings): SettingsForm {
  return {
    githubMainUser: settings.githubMainUser,
    notificationsEnabled: settings.notificationsEnabled,
    theme: settings.theme,
    reviewFollowUpEnabled: settings.reviewFollowUpEnabled,
    reviewFollowUpIntervalMinutes: String(settings.reviewFollowUpIntervalMinutes),
    defaultReviewPrompt: settings.defaultReviewPrompt,
  };
}

export function formToSettingsInput(form: SettingsForm): ChannelInput<'settings.update'> {
  const interval = form.reviewFollowUpIntervalMinutes.trim();
  if (!/^\d+$/.test(interval)) {
    throw invalidField('reviewFollowUpIntervalMinutes', 'must be a whole number of minutes');
  }
  return {
    githubMainUser: form.githubMainUser,
    notificationsEnabled: form.notificationsEnabled,
    theme: form.theme,
    reviewFollowUpEnabled: form.reviewFollowUpEnabled,
    reviewFollowUpIntervalMinutes: Number(interval),
    defaultReviewPrompt: form.defaultReviewPrompt,
  };
}
