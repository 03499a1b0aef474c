import { describe, expect, it } from 'vitest';
import { projectUpsertInput } from '../../../src/shared/contract/projects';
import { gitUrlProblem, repositoryUrlProblem } from '../../../src/shared/contract/urls';
import { fieldIssues, userWords } from '../../../src/shared/contract/user-words';

const upsert = (fields: Record<string, unknown>) =>
  projectUpsertInput.safeParse({ name: 'api', ...fields }, { error: userWords });

describe('repository URL', () => {
  it('accepts a GitHub repository page and stores it without a trailing slash or .git', () => {
    for (const [typed, stored] of [
      ['https://github.com/acme/api', 'https://github.com/acme/api'],
      ['https://github.com/acme/api/', 'https://github.com/acme/api'],
      ['https://github.com/acme/api.git', 'https://github.com/acme/api'],
      [' https://github.com/Acme-Corp/my.repo_2 ', 'https://github.com/Acme-Corp/my.repo_2'],
      // A managed enterprise user's account has an underscore.
      ['https://github.com/octocat_acme/api', 'https://github.com/octocat_acme/api'],
      ['', ''],
    ]) {
      const result = upsert({ repoUrl: typed });
      expect(result.success, typed).toBe(true);
      expect(result.data?.repoUrl).toBe(stored);
    }
  });

  it('refuses a near miss with the URL it meant, rather than rewriting it', () => {
    const meant = 'must be a GitHub repository URL; did you mean https://github.com/acme/api?';
    for (const typed of [
      'github.com/acme/api',
      'http://github.com/acme/api',
      'www.github.com/acme/api',
      'https://www.github.com/acme/api',
      'git@github.com:acme/api.git',
      'ssh://git@github.com/acme/api.git',
    ]) {
      expect(repositoryUrlProblem(typed), typed).toBe(meant);
    }
  });

  it('refuses what is not a GitHub repository at all, naming the form it must have', () => {
    for (const typed of [
      'not a url',
      'https://gitlab.com/acme/api',
      'https://github.com/acme',
      'https://github.com/acme/api/pull/3',
      'https://github.com/-acme/api',
    ]) {
      expect(repositoryUrlProblem(typed), typed).toBe(
        'must be a GitHub repository URL like https://github.com/OWNER/NAME',
      );
    }
    const result = upsert({ repoUrl: 'https://gitlab.com/acme/api' });
    expect(result.error?.issues.map((i) => i.path.join('.'))).toEqual(['repoUrl']);
    for (const typed of [
      'https://github.com/acme/.git',
      'https://github.com/acme/..',
      'https://github.com/acme/.',
    ]) {
      expect(repositoryUrlProblem(typed), typed).toBe(
        'must name a repository: https://github.com/OWNER/NAME',
      );
    }
  });
});

describe('git URL', () => {
  it('accepts every form git clones from', () => {
    for (const url of [
      'https://github.com/acme/api.git',
      'http://git.internal/acme/api',
      'ssh://git@github.com/acme/api.git',
      'ssh://git@git.internal:2222/~/api.git',
      'git://git.internal/api.git',
      'file:///srv/git/api.git',
      'git@github.com:acme/api.git',
      'git.internal:repos/api.git',
      '/srv/git/api.git',
      '/home/me/repos/my project.git',
      './api.git',
      '../api.git',
    ]) {
      expect(gitUrlProblem(url), url).toBeNull();
    }
  });

  it('refuses what git cannot clone, saying which forms it takes', () => {
    const shapes =
      /^must be a URL git can clone, like https:\/\/github\.com\/OWNER\/NAME\.git, git@github\.com:OWNER\/NAME\.git or a path starting with \/$/;
    for (const url of ['not a url', 'api', 'github.com/acme/api', 'git@github.com acme/api']) {
      expect(gitUrlProblem(url), url).toMatch(shapes);
    }
    expect(gitUrlProblem('-uploadpack=touch x')).toBe('must not start with -');
    expect(gitUrlProblem('ftp://host/api.git')).toMatch(/^uses ftp:\/\/, which git does not clone from/);
    expect(gitUrlProblem('https://')).toBe('is not a URL git can clone');
    expect(gitUrlProblem('https://github.com/')).toBe('must name a repository after the host');
  });
});

describe('all wrong fields at once', () => {
  it('reports every field of a project with a problem, not just the first, each once', () => {
    const result = upsert({
      name: '',
      repoUrl: 'github.com/acme/api',
      gitUrl: 'not a url',
      maxRunMinutes: 70_000,
      maxCheckFixes: 'two',
    });
    expect(result.error && fieldIssues(result.error).map((i) => [i.field, i.message])).toEqual([
      ['name', 'must not be empty'],
      ['repoUrl', 'must be a GitHub repository URL; did you mean https://github.com/acme/api?'],
      ['gitUrl', expect.stringMatching(/^must be a URL git can clone/)],
      ['maxRunMinutes', 'must be a whole number from 1 to 10080 (a week)'],
      ['maxCheckFixes', 'must be a whole number from 1 to 10'],
    ]);
  });
});
