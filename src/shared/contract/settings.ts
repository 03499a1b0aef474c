import { z } from 'zod';
import { THEMES } from '../domain/settings';
import { multiLineText, trimmedLine } from './common';
import { channel } from './define';

export const settingsSchema = z.object({
  githubMainUser: z.string(),
  defaultReviewPrompt: z.string(),
  reviewFollowUpEnabled: z.boolean(),
  reviewFollowUpIntervalMinutes: z.number().int(),
  notificationsEnabled: z.boolean(),
  theme: z.enum(THEMES),
});
export type Settings = z.infer<typeof settingsSchema>;

export const DEFAULT_SETTINGS: Settings = {
  githubMainUser: '',
  defaultReviewPrompt: '',
  reviewFollowUpEnabled: false,
  reviewFollowUpIntervalMinutes: 5,
  notificationsEnabled: true,
  theme: 'system',
};

export const settingsUpdateInput = z
  .object({
    githubMainUser: trimmedLine(39)
      .refine(
        (s) => s === '' || /^[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?$/.test(s),
        'must be a GitHub user name',
      )
      .optional(),
    defaultReviewPrompt: multiLineText(20_000).optional(),
    reviewFollowUpEnabled: z.boolean().optional(),
    reviewFollowUpIntervalMinutes: z.number().int().min(1).max(1440).optional(),
    notificationsEnabled: z.boolean().optional(),
    theme: z.enum(THEMES).optional(),
  })
  .strict();

export const settingsChannels = {
  'settings.get': channel('settings.get', z.object({}).strict().default({}), settingsSchema),
  'settings.update': channel('settings.update', settingsUpdateInput, settingsSchema),
} as const;
