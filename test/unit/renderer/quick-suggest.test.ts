import { describe, expect, it } from 'vitest';
import type { Project } from '@shared/contract';
import { completeFirstWord, suggestProjects } from '@renderer/features/quick/suggest';

const project = (name: string, aliases: string[] = []): Project => ({
  id: `prj_${name.padEnd(20, '0').slice(0, 20)}`,
  name,
  aliases,
  repoUrl: '',
  gitUrl: '',
  baseBranch: 'main',
  description: '',
  maxRunMinutes: null,
  defaultEvalCommand: '',
  followUpFailingChecks: false,
  maxCheckFixes: 2,
  closeOnMerge: false,
  createdAt: '2026-11-21T09:00:00.000Z',
  updatedAt: '2026-11-21T09:00:00.000Z',
});
const projects = [project('api', ['backend']), project('app', ['frontend']), project('Über')];

describe('quick dispatch suggestions', () => {
  it('suggests names and aliases starting with the first word, shortest first', () => {
    expect(suggestProjects('a', projects).map((s) => s.word)).toEqual(['api', 'app']);
    expect(suggestProjects('ba', projects)).toEqual([{ word: 'backend', project: 'api' }]);
    expect(suggestProjects('ü', projects).map((s) => s.word)).toEqual(['Über']);
  });

  it('stops suggesting once the first word is typed out or finished', () => {
    expect(suggestProjects('api', projects)).toEqual([]);
    expect(suggestProjects('ap fix', projects)).toEqual([]);
    expect(suggestProjects('', projects)).toEqual([]);
  });

  it('completes the first word and keeps the rest', () => {
    expect(completeFirstWord('ba', 'backend')).toBe('backend ');
    expect(completeFirstWord('  ap fix it', 'api')).toBe('api fix it');
  });
});
