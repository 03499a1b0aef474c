import { describe, expect, it } from 'vitest';
import { projectSchema, projectUpsertInput } from '@shared/contract/projects';
import { expectAppError, makeProject, makeTask, useDatabase } from './helpers';

const input = (name: string, extra: Record<string, unknown> = {}) =>
  projectUpsertInput.parse({ name, ...extra });

describe('project repository', () => {
  const env = useDatabase();

  it('creates a project with its aliases and reads it back', () => {
    const { repos, clock } = env();
    const project = repos.projects.create(
      input('sortie', { aliases: ['srt', 'app'], repoUrl: 'https://github.com/me/sortie' }),
    );
    expect(projectSchema.parse(project)).toEqual(project);
    expect(project).toMatchObject({
      name: 'sortie',
      aliases: ['srt', 'app'],
      repoUrl: 'https://github.com/me/sortie',
      baseBranch: 'main',
      createdAt: clock.iso(),
      updatedAt: clock.iso(),
    });
    expect(repos.projects.get(project.id)).toEqual(project);
  });

  it('lists projects by name ignoring case', () => {
    const { repos } = env();
    for (const name of ['zeta', 'Alpha', 'beta']) makeProject(repos, name);
    expect(repos.projects.list().map((p) => p.name)).toEqual(['Alpha', 'beta', 'zeta']);
  });

  it('finds a project by name or alias in any case', () => {
    const { repos } = env();
    const sortie = makeProject(repos, 'Sortie', ['srt']);
    makeProject(repos, 'other');
    expect(repos.projects.findByNameOrAlias('sORTIE')?.id).toBe(sortie.id);
    expect(repos.projects.findByNameOrAlias('SRT')?.id).toBe(sortie.id);
    expect(repos.projects.findByNameOrAlias('nothing')).toBeNull();
  });

  it('drops aliases that repeat the name or another alias', () => {
    const { repos } = env();
    const project = makeProject(repos, 'sortie', ['Sortie', 'srt', 'SRT', 'app']);
    expect(project.aliases).toEqual(['srt', 'app']);
  });

  it('updates fields and replaces the aliases', () => {
    const { repos, clock } = env();
    const project = makeProject(repos, 'sortie', ['srt']);
    clock.advance(1000);
    const updated = repos.projects.update(project.id, input('Sortie', { aliases: ['s'], description: 'x' }));
    expect(updated).toMatchObject({ name: 'Sortie', aliases: ['s'], description: 'x' });
    expect(updated.createdAt).toBe(project.createdAt);
    expect(updated.updatedAt).toBe(clock.iso());
    expect(repos.projects.findByNameOrAlias('srt')).toBeNull();
  });

  it('lets a project keep its own name and aliases on update', () => {
    const { repos } = env();
    const project = makeProject(repos, 'sortie', ['srt']);
    expect(() => repos.projects.update(project.id, input('SORTIE', { aliases: ['SRT'] }))).not.toThrow();
  });

  it('refuses a name taken by another project, in any case', () => {
    const { repos } = env();
    makeProject(repos, 'sortie');
    expectAppError(() => makeProject(repos, 'SORTIE'), 'CONFLICT', 'name');
    expect(repos.projects.list()).toHaveLength(1);
  });

  it("refuses a name that is another project's alias", () => {
    const { repos } = env();
    makeProject(repos, 'sortie', ['app']);
    expectAppError(() => makeProject(repos, 'App'), 'CONFLICT', 'name');
  });

  it("refuses an alias that is another project's alias or name", () => {
    const { repos } = env();
    makeProject(repos, 'sortie', ['app']);
    expectAppError(() => makeProject(repos, 'other', ['APP']), 'CONFLICT', 'aliases');
    expectAppError(() => makeProject(repos, 'other', ['Sortie']), 'CONFLICT', 'aliases');
  });

  it('leaves the project as it was when an update collides', () => {
    const { repos } = env();
    makeProject(repos, 'taken');
    const project = makeProject(repos, 'sortie', ['srt']);
    expectAppError(
      () => repos.projects.update(project.id, input('renamed', { aliases: ['new', 'taken'] })),
      'CONFLICT',
      'aliases',
    );
    expect(repos.projects.get(project.id)).toEqual(project);
    expect(repos.projects.findByNameOrAlias('new')).toBeNull();
  });

  it('reports unknown ids as NOT_FOUND', () => {
    const { repos } = env();
    const id = 'prj_00000000000000000000';
    expect(repos.projects.get(id)).toBeNull();
    expectAppError(() => repos.projects.update(id, input('x')), 'NOT_FOUND');
    expectAppError(() => repos.projects.remove(id), 'NOT_FOUND');
  });

  it('removes a project with its tasks, their runs and events, and counts the tasks', () => {
    const { repos } = env();
    const doomed = makeProject(repos, 'doomed', ['d']);
    const kept = makeProject(repos, 'kept');
    const task = makeTask(repos, doomed.id);
    makeTask(repos, doomed.id);
    const keptTask = makeTask(repos, kept.id);
    const run = repos.dispatches.create({ taskId: task.id, runnerId: null, agent: 'codex' });
    repos.runEvents.append(run.id, 'note', { text: 'hi' });

    expect(repos.projects.remove(doomed.id)).toEqual({ removedTasks: 2 });

    expect(repos.projects.get(doomed.id)).toBeNull();
    expect(repos.projects.findByNameOrAlias('d')).toBeNull();
    expect(repos.tasks.list({ includeClosed: true }).map((t) => t.id)).toEqual([keptTask.id]);
    expect(repos.dispatches.get(run.id)).toBeNull();
    expect(repos.runEvents.list(run.id, 0, 10)).toEqual([]);
  });

  it('frees the name and aliases of a removed project', () => {
    const { repos } = env();
    const project = makeProject(repos, 'sortie', ['srt']);
    repos.projects.remove(project.id);
    expect(() => makeProject(repos, 'srt', ['sortie'])).not.toThrow();
  });

  it('treats names and aliases in any script case-insensitively', () => {
    const { repos } = env();
    const project = repos.projects.create(input('Über', { aliases: ['Δοκιμή'] }));
    expect(repos.projects.findByNameOrAlias('über')?.id).toBe(project.id);
    expect(repos.projects.findByNameOrAlias('δοκιμή')?.id).toBe(project.id);
    expectAppError(() => repos.projects.create(input('ÜBER')), 'CONFLICT', 'name');
    expectAppError(
      () => repos.projects.create(input('other', { aliases: ['ΔΟΚΙΜΉ'] })),
      'CONFLICT',
      'aliases',
    );
  });
});
