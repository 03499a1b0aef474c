import { describe, expect, it } from 'vitest';
import { ClientError } from '@renderer/api/client-error';
import { errorSentence } from '@renderer/components/Field';
import {
  PROJECT_FIELDS,
  checkProjectForm,
  formToProjectInput,
  parseAliases,
  projectToForm,
} from '@renderer/features/queue/project-form';
import { checkRunnerForm, formToRunnerInput, runnerToForm } from '@renderer/features/runners/runner-form';
import { formToSettingsInput } from '@renderer/features/settings/settings-form';
import { fieldMessage } from '@renderer/lib/errors';
import { matchField } from '@renderer/lib/field-path';
import { placeErrors } from '@renderer/lib/use-form-submit';
import { DEFAULT_SETTINGS, type Runner } from '@shared/contract';
import { at, id, project } from './fixtures';

describe('field errors', () => {
  const fields = ['name', 'aliases', 'auth', 'auth.keyPath'] as const;

  it('matches a field exactly, or its closest enclosing field', () => {
    expect(matchField('name', fields)).toBe('name');
    expect(matchField('aliases.2', fields)).toBe('aliases');
    expect(matchField('aliases[2]', fields)).toBe('aliases');
    expect(matchField('auth.keyPath', fields)).toBe('auth.keyPath');
    expect(matchField('auth.passphrase', fields)).toBe('auth');
  });

  it('has no match for unknown or missing fields', () => {
    expect(matchField('other', fields)).toBeNull();
    expect(matchField(undefined, fields)).toBeNull();
    expect(matchField('', fields)).toBeNull();
  });

  it('drops the core’s field prefix when shown next to the field', () => {
    const error = new ClientError({
      code: 'VALIDATION_FAILED',
      message: 'title: must not be empty',
      field: 'title',
    });
    expect(fieldMessage(error)).toBe('must not be empty');
  });
});

describe('project form', () => {
  it('splits aliases on commas and drops blanks', () => {
    expect(parseAliases(' a, b ,,c ,')).toEqual(['a', 'b', 'c']);
  });

  it('round-trips a project', () => {
    const p = project(1, { aliases: ['x', 'y'], description: 'd' });
    expect(formToProjectInput(projectToForm(p), p.id)).toEqual({
      id: p.id,
      name: p.name,
      aliases: ['x', 'y'],
      repoUrl: '',
      gitUrl: '',
      baseBranch: 'main',
      description: 'd',
      maxRunMinutes: null,
      defaultEvalCommand: '',
      followUpFailingChecks: false,
      maxCheckFixes: 2,
      closeOnMerge: false,
    });
  });

  it('sends back the pull request choices it was given, so saving keeps them', () => {
    const p = project(3, {
      maxRunMinutes: 30,
      defaultEvalCommand: 'npm test',
      followUpFailingChecks: true,
      maxCheckFixes: 5,
      closeOnMerge: true,
    });
    expect(formToProjectInput(projectToForm(p), p.id)).toMatchObject({
      maxRunMinutes: 30,
      defaultEvalCommand: 'npm test',
      followUpFailingChecks: true,
      maxCheckFixes: 5,
      closeOnMerge: true,
    });
  });

  it('sends the number of check follow-ups as typed while they are on, and a hidden bad one as the default', () => {
    const on = { ...projectToForm(project(4)), followUpFailingChecks: true };
    expect(formToProjectInput({ ...on, maxCheckFixes: ' 3 ' }, undefined).maxCheckFixes).toBe(3);
    // Something that is not a count is sent as typed, for the contract check to name the field.
    expect(formToProjectInput({ ...on, maxCheckFixes: '0' }, undefined).maxCheckFixes).toBe(0);
    expect(formToProjectInput({ ...on, maxCheckFixes: 'x' }, undefined).maxCheckFixes).toBe('x');
    const off = { ...on, followUpFailingChecks: false };
    expect(formToProjectInput({ ...off, maxCheckFixes: 'x' }, undefined).maxCheckFixes).toBe(2);
    expect(formToProjectInput({ ...off, maxCheckFixes: '11' }, undefined).maxCheckFixes).toBe(2);
    expect(formToProjectInput({ ...off, maxCheckFixes: '4' }, undefined).maxCheckFixes).toBe(4);
  });

  it('shows every wrong field of the form at once, each next to its field, as a sentence', () => {
    const form = {
      ...projectToForm(null),
      name: 'api',
      repoUrl: 'github.com/acme/api',
      gitUrl: 'not a url',
      maxRunMinutes: '0',
    };
    let thrown: unknown;
    try {
      checkProjectForm(form, undefined);
    } catch (error) {
      thrown = error;
    }
    const { errors, rest } = placeErrors(thrown, PROJECT_FIELDS);
    expect(rest).toBeNull();
    expect(errors).toEqual({
      repoUrl: 'must be a GitHub repository URL; did you mean https://github.com/acme/api?',
      gitUrl: expect.stringMatching(/^must be a URL git can clone/),
      maxRunMinutes: 'must be a whole number from 1 to 10080 (a week)',
    });
    expect(errorSentence('Maximum run time (minutes)', errors.maxRunMinutes ?? '')).toBe(
      'Maximum run time (minutes) must be a whole number from 1 to 10080 (a week)',
    );
    const fixed = { ...form, repoUrl: 'https://github.com/acme/api', gitUrl: 'git@github.com:acme/api.git' };
    expect(checkProjectForm({ ...fixed, maxRunMinutes: '30' }, undefined)).toMatchObject({
      maxRunMinutes: 30,
    });
  });

  it('keeps an empty maximum run time as the default and a number as minutes', () => {
    const p = project(2, { maxRunMinutes: 90 });
    expect(projectToForm(p).maxRunMinutes).toBe('90');
    expect(formToProjectInput({ ...projectToForm(p), maxRunMinutes: ' 45 ' }, p.id).maxRunMinutes).toBe(45);
    expect(formToProjectInput({ ...projectToForm(p), maxRunMinutes: '  ' }, p.id).maxRunMinutes).toBeNull();
  });
});

describe('runner form', () => {
  const runner: Runner = {
    id: id('rnr', 1),
    name: 'box',
    host: 'box.local',
    port: 2222,
    user: 'dev',
    auth: { kind: 'keyFile', keyPath: '~/.ssh/id', hasPassphrase: true },
    hostKeyPolicy: 'strict',
    workspaceRoot: '~/w',
    registryPath: '~/w/r.json',
    shellPrelude: '',
    defaultAgent: 'claude',
    maxConcurrent: 3,
    isDefault: true,
    createdAt: at(1),
    updatedAt: at(1),
  };

  it('keeps a stored passphrase by leaving it out', () => {
    expect(formToRunnerInput(runnerToForm(runner), runner.id).auth).toEqual({
      kind: 'keyFile',
      keyPath: '~/.ssh/id',
    });
  });

  it('forgets a stored passphrase by sending an empty one', () => {
    const form = { ...runnerToForm(runner), forgetPassphrase: true };
    expect(formToRunnerInput(form, runner.id).auth).toEqual({
      kind: 'keyFile',
      keyPath: '~/.ssh/id',
      passphrase: '',
    });
  });

  it('sends empty port and user as null', () => {
    const input = formToRunnerInput({ ...runnerToForm(null), name: 'n', host: 'h' }, undefined);
    expect(input).toMatchObject({
      port: null,
      user: null,
      auth: { kind: 'agent' },
      maxConcurrent: 2,
    });
    expect(input).not.toHaveProperty('id');
  });

  it('reports every wrong field at once, in words a user says', () => {
    const form = { ...runnerToForm(runner), port: '70000', maxConcurrent: 'many', name: ' ' };
    expect(() => checkRunnerForm(form, runner.id)).toThrow(
      expect.objectContaining({
        code: 'VALIDATION_FAILED',
        field: 'name',
        issues: [
          { field: 'name', message: 'must not be empty' },
          { field: 'port', message: 'must be a whole number from 1 to 65535' },
          { field: 'maxConcurrent', message: 'must be a whole number from 1 to 64' },
        ],
      }),
    );
    expect(() => checkRunnerForm({ ...form, port: '22a', maxConcurrent: '2', name: 'n' }, runner.id)).toThrow(
      expect.objectContaining({
        issues: [{ field: 'port', message: 'must be a whole number from 1 to 65535' }],
      }),
    );
    expect(
      checkRunnerForm({ ...form, port: ' 2222 ', maxConcurrent: '2', name: 'n' }, runner.id),
    ).toMatchObject({
      port: 2222,
      maxConcurrent: 2,
    });
  });
});

describe('placing errors', () => {
  it('puts the core’s single-field error next to its field, and one it cannot place in a toast', () => {
    const single = new ClientError({
      code: 'VALIDATION_FAILED',
      message: 'name: must not be empty',
      field: 'name',
    });
    expect(placeErrors(single, ['name'] as const)).toEqual({
      errors: { name: 'must not be empty' },
      rest: null,
    });
    expect(placeErrors(single, ['host'] as const)).toEqual({ errors: {}, rest: 'name: must not be empty' });
    const mixed = new ClientError({
      code: 'VALIDATION_FAILED',
      message: 'name: must not be empty; extra: is not a known field',
      field: 'name',
      issues: [
        { field: 'name', message: 'must not be empty' },
        { field: 'extra', message: 'is not a known field' },
      ],
    });
    expect(placeErrors(mixed, ['name'] as const)).toEqual({
      errors: { name: 'must not be empty' },
      rest: 'extra: is not a known field',
    });
  });

  it('reads a rule as a sentence about the field, and leaves a whole sentence alone', () => {
    expect(errorSentence('Port', 'must be a whole number from 1 to 65535')).toBe(
      'Port must be a whole number from 1 to 65535',
    );
    expect(
      errorSentence('Key file path', 'The key file ~/x does not exist on the computer Sortie runs on.'),
    ).toBe('The key file ~/x does not exist on the computer Sortie runs on.');
  });
});

describe('settings form', () => {
  it('reports a non-numeric interval against its field', () => {
    const form = {
      githubMainUser: '',
      notificationsEnabled: true,
      theme: DEFAULT_SETTINGS.theme,
      reviewFollowUpEnabled: true,
      reviewFollowUpIntervalMinutes: 'soon',
      defaultReviewPrompt: '',
    };
    expect(() => formToSettingsInput(form)).toThrow(
      expect.objectContaining({ field: 'reviewFollowUpIntervalMinutes' }),
    );
    expect(
      formToSettingsInput({ ...form, reviewFollowUpIntervalMinutes: ' 15 ' }).reviewFollowUpIntervalMinutes,
    ).toBe(15);
  });
});
