import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '@shared/contract/settings';
import { expectAppError, useDatabase } from './helpers';

describe('settings repository', () => {
  const env = useDatabase();

  it('starts with the defaults', () => {
    expect(env().repos.settings.get()).toEqual(DEFAULT_SETTINGS);
  });

  it('changes only the keys given and keeps them across a restart', () => {
    const ctx = env();
    const updated = ctx.repos.settings.update({ theme: 'dark', githubMainUser: 'octocat' });
    expect(updated).toEqual({ ...DEFAULT_SETTINGS, theme: 'dark', githubMainUser: 'octocat' });
    ctx.repos.settings.update({ notificationsEnabled: false });
    ctx.reopen();
    expect(ctx.repos.settings.get()).toEqual({
      ...DEFAULT_SETTINGS,
      theme: 'dark',
      githubMainUser: 'octocat',
      notificationsEnabled: false,
    });
  });

  it('refuses a value of the wrong kind and writes none of the patch', () => {
    const { repos } = env();
    const patch = JSON.parse('{"theme":"dark","reviewFollowUpIntervalMinutes":"soon"}') as Record<
      string,
      unknown
    >;
    expectAppError(() => repos.settings.update(patch), 'VALIDATION_FAILED', 'reviewFollowUpIntervalMinutes');
    expect(repos.settings.get()).toEqual(DEFAULT_SETTINGS);
  });

  it('falls back to the default for a stored value that no longer fits', () => {
    const { repos, db } = env();
    repos.settings.update({ theme: 'light', githubMainUser: 'me' });
    db.prepare("UPDATE settings SET value = '\"neon\"' WHERE key = 'theme'").run();
    expect(repos.settings.get()).toEqual({ ...DEFAULT_SETTINGS, githubMainUser: 'me' });
  });
});
