import { DEFAULT_SETTINGS, settingsSchema, type Settings } from '@shared/contract/settings';
import { AppError } from '../errors';
import type { Db } from './deps';

export interface SettingsRepository {
  /** Stored values over DEFAULT_SETTINGS; a stored value that no longer fits is ignored. */
  get(): Settings;
  /** Writes the keys the patch sets; VALIDATION_FAILED (field = key) for a value that does not fit. */
  update(patch: Partial<Settings>): Settings;
}

type SettingsKey = keyof Settings;

const KEYS = Object.keys(DEFAULT_SETTINGS).filter((key): key is SettingsKey => key in settingsSchema.shape);

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function fits(key: SettingsKey, value: unknown): boolean {
  return settingsSchema.shape[key].safeParse(value).success;
}

export function createSettingsRepository(db: Db): SettingsRepository {
  const selectAll = db.prepare<[], { key: string; value: string }>('SELECT key, value FROM settings');
  const upsert = db.prepare<[string, string]>(
    'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
  );

  function get(): Settings {
    const stored = new Map(selectAll.all().map((row) => [row.key, parseJson(row.value)]));
    const merged: Record<string, unknown> = { ...DEFAULT_SETTINGS };
    for (const key of KEYS) {
      const value = stored.get(key);
      if (value !== undefined && fits(key, value)) merged[key] = value;
    }
    return settingsSchema.parse(merged);
  }

  const updateTx = db.transaction((patch: Partial<Settings>): Settings => {
    for (const key of KEYS) {
      const value = patch[key];
      if (value === undefined) continue;
      if (!fits(key, value)) {
        throw new AppError('VALIDATION_FAILED', `Setting ${key} has an invalid value`, key);
      }
      upsert.run(key, JSON.stringify(value));
    }
    return get();
  });

  return { get, update: (patch) => updateTx.immediate(patch) };
}
