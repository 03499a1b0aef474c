import { describe, expect, it } from 'vitest';
import { fuzzyFilter } from '@renderer/features/palette/fuzzy';
import {
  paletteItems,
  type PaletteItem,
  type PaletteSources,
} from '@renderer/features/palette/palette-items';
import { project, runner, task } from './fixtures';
import { review, reviewRun, run } from './run-fixtures';

const item = (label: string, detail = '') => ({ label, detail });
const labels = (items: readonly { label: string }[]) => items.map((i) => i.label);

describe('palette filtering', () => {
  const items = [
    item('Fix the login redirect', 'Task · api'),
    item('Rotate the deploy keys', 'Task · infra'),
    item('Document the API', 'Task · api'),
    item('Runners', 'Page'),
    item('box', 'Runner · dev@build.internal'),
  ];

  it('finds letters typed in order, not only whole words', () => {
    expect(labels(fuzzyFilter(items, 'lgn', 10))).toEqual(['Fix the login redirect']);
    expect(labels(fuzzyFilter(items, 'rtdk', 10))).toEqual(['Rotate the deploy keys']);
    expect(fuzzyFilter(items, 'zzz', 10)).toEqual([]);
  });

  it('needs every word typed, each in the label or the details', () => {
    expect(labels(fuzzyFilter(items, 'api document', 10))).toEqual(['Document the API']);
    expect(labels(fuzzyFilter(items, 'task infra', 10))).toEqual(['Rotate the deploy keys']);
    expect(labels(fuzzyFilter(items, 'login infra', 10))).toEqual([]);
  });

  it('ranks a whole word above scattered letters, a word start above a middle, the label above details', () => {
    const ranked = [item('Clean the dist folder'), item('Distribute builds'), item('Redistribute')];
    expect(labels(fuzzyFilter(ranked, 'dist', 10))).toEqual([
      'Distribute builds',
      'Clean the dist folder',
      'Redistribute',
    ]);
    const scattered = [item('Dig into the slow test'), item('Adjust the timeout')];
    expect(labels(fuzzyFilter(scattered, 'just', 10))[0]).toBe('Adjust the timeout');
    const places = [item('Task 1', 'deploy keys'), item('Deploy keys')];
    expect(labels(fuzzyFilter(places, 'deploy', 10))).toEqual(['Deploy keys', 'Task 1']);
  });

  it('keeps the given order for an empty query and among equal matches, up to the limit', () => {
    expect(labels(fuzzyFilter(items, '   ', 3))).toEqual(labels(items.slice(0, 3)));
    const twins = [item('Task A', 'x'), item('Task B', 'x'), item('Task C', 'x')];
    expect(labels(fuzzyFilter(twins, 'task', 2))).toEqual(['Task A', 'Task B']);
  });
});

describe('palette items', () => {
  const sources: PaletteSources = {
    projects: [project(1, { name: 'api' })],
    tasks: [
      task(1, { title: 'Fix the login redirect' }),
      task(2, { title: 'Old chore', status: 'closed', updatedAt: '2026-11-21T10:00:00.000Z' }),
      task(3, { title: 'Document the API', priority: 'high' }),
    ],
    runs: [
      run(10, 1, { status: 'succeeded' }),
      run(11, 9, { status: 'failed' }),
      reviewRun(12, 5, { status: 'running' }),
    ],
    reviews: [review(5)],
    runners: [runner(1, { name: 'box', host: 'build.internal' })],
  };
  const all = paletteItems(sources);
  const find = (query: string): PaletteItem[] => fuzzyFilter(all, query, 50);
  const href = (entry: PaletteItem | undefined) =>
    entry && 'href' in entry.target ? entry.target.href : null;

  it('offers the actions first, then the pages, tasks (open ones first), runs, reviews and runners', () => {
    expect(all.slice(0, 4).map((i) => i.label)).toEqual([
      'Quick capture…',
      'New task',
      'Review a pull request…',
      'Keyboard shortcuts',
    ]);
    const groups = all.map((i) => i.group);
    expect([...new Set(groups)]).toEqual(['Action', 'Page', 'Task', 'Run', 'Review', 'Runner']);
    expect(all.filter((i) => i.group === 'Task').map((i) => i.label)).toEqual([
      'Document the API',
      'Fix the login redirect',
      'Old chore',
    ]);
  });

  it('names a run after its task or its review, with its status, runner and agent', () => {
    const runs = all.filter((i) => i.group === 'Run');
    expect(runs.map((i) => i.label)).toEqual([
      'Review of acme/api#5',
      // Its task is not loaded (closed and hidden): still listed.
      'Task run',
      'Fix the login redirect',
    ]);
    expect(runs[2]!.detail).toMatch(/^Run · Succeeded · box · Codex CLI · /);
    expect(href(runs[2])).toBe('#/run/dsp_00000000000000000010');
  });

  it('finds a task’s run by words of both, and a runner by its host', () => {
    expect(href(find('login succeeded')[0])).toBe('#/run/dsp_00000000000000000010');
    expect(find('fix login').map((i) => i.group)).toEqual(['Task', 'Run']);
    expect(href(find('build.internal')[0])).toBe('#/runners');
    expect(href(find('acme 5')[0])).toMatch(/^#\/(run|reviews)\//);
    expect(find('capture')[0]?.target).toEqual({ action: 'capture' });
  });
});
