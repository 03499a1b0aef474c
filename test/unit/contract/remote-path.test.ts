import { describe, expect, it } from 'vitest';
import { REMOTE_PATH_MAX_LENGTH, remotePathSchema } from '../../../src/shared/contract/remote-path';

const problem = (path: string) => remotePathSchema.safeParse(path).error?.issues[0]?.message;

describe('remotePathSchema', () => {
  it('keeps absolute and home-relative paths made of plain names', () => {
    for (const path of ['~/sortie', '/srv/sortie', '~/a b/.hidden/x..y/-rf', '/x']) {
      expect(remotePathSchema.parse(path)).toBe(path);
    }
  });

  it('drops one trailing slash and surrounding spaces', () => {
    expect(remotePathSchema.parse('~/work/sortie/')).toBe('~/work/sortie');
    expect(remotePathSchema.parse('  /srv/sortie/ ')).toBe('/srv/sortie');
  });

  it('refuses what does not start with / or ~/', () => {
    for (const path of ['-rf', '..', 'sortie', './sortie', '$HOME/sortie', '~root/sortie', '~~/x']) {
      expect(problem(path), path).toMatch(/^must start with \/ \(an absolute path\) or ~\//);
    }
  });

  it('refuses the root and the home directory themselves', () => {
    for (const path of ['/', '~', '~/', '//']) {
      expect(problem(path), path).toBe('must name a folder below / or ~, not / or ~ itself');
    }
  });

  it('refuses . and .. segments anywhere', () => {
    for (const path of ['~/..', '/home/../', '/srv/./sortie', '~/sortie/..', '/..', '~/.']) {
      expect(problem(path), path).toBe('must not contain . or .. segments');
    }
  });

  it('refuses empty segments other than one trailing slash', () => {
    for (const path of ['/srv//sortie', '~//sortie', '/srv/sortie//']) {
      expect(problem(path), path).toBe('must not contain an empty segment (//)');
    }
  });

  it('refuses control characters, blank text and overlong paths', () => {
    expect(problem('/srv/\u0000x')).toBe('must not contain control characters (found U+0000)');
    expect(problem('/srv/a\tb')).toBe('must not contain control characters (found U+0009)');
    expect(problem('/srv/a\nb')).toBe('must be a single line');
    expect(problem('  ')).toBe('must not be empty');
    const longest = `/${'a'.repeat(REMOTE_PATH_MAX_LENGTH - 1)}`;
    expect(remotePathSchema.parse(longest)).toBe(longest);
    expect(problem(`${longest}a`)).toBe(`must be at most ${REMOTE_PATH_MAX_LENGTH} characters`);
  });
});
