import type { Settings, settingsUpdateInput } from '@shared/contract';
import type { z } from 'zod';
import type { EventBus } from '../events';
import type { Repositories } from '../repositories';

export type SettingsService = ReturnType<typeof createSettingsService>;

export function createSettingsService({
  repos,
  bus,
}: {
  repos: Pick<Repositories, 'settings'>;
  bus: EventBus;
}) {
  return {
    get: (): Settings => repos.settings.get(),
    update(patch: z.output<typeof settingsUpdateInput>): Settings {
      const defined = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined));
      const settings = repos.settings.update(defined as Partial<Settings>);
      bus.publish('settings.changed', { settings });
      return settings;
    },
  };
}
