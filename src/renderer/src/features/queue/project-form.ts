import { projectUpsertInput, type Project, type ProjectUpsertInput } from '@shared/contract';
import { DEFAULT_MAX_CHECK_FIXES, MAX_CHECK_FIXES } from '@shared/domain/automation';
import { checkInput, typedNumber } from '@renderer/lib/check-input';

export interface ProjectForm {
  name: string;
  aliases: string;
  repoUrl: string;
  gitUrl: string;
  baseBranch: string;
  description: string;
  /** Minutes as typed; '' keeps the default. */
  maxRunMinutes: string;
  /** What "Run until the eval passes" offers for the project's tasks ('' for nothing). */
  defaultEvalCommand: string;
  /** Queue a follow-up when the checks of a task's pull request fail. */
  followUpFailingChecks: boolean;
  /** At most this many such follow-ups per pull request, as typed. */
  maxCheckFixes: string;
  /** Close a task when its pull request is merged. */
  closeOnMerge: boolean;
}

export const PROJECT_FIELDS = [
  'name',
  'aliases',
  'repoUrl',
  'gitUrl',
  'baseBranch',
  'description',
  'maxRunMinutes',
  'defaultEvalCommand',
  'followUpFailingChecks',
  'maxCheckFixes',
  'closeOnMerge',
] as const satisfies readonly (keyof ProjectForm)[];

export function projectToForm(project: Project | null): ProjectForm {
  return {
    name: project?.name ?? '',
    aliases: project?.aliases.join(', ') ?? '',
    repoUrl: project?.repoUrl ?? '',
    gitUrl: project?.gitUrl ?? '',
    baseBranch: project?.baseBranch ?? 'main',
    description: project?.description ?? '',
    maxRunMinutes: project?.maxRunMinutes == null ? '' : String(project.maxRunMinutes),
    defaultEvalCommand: project?.defaultEvalCommand ?? '',
    followUpFailingChecks: project?.followUpFailingChecks ?? false,
    maxCheckFixes: String(project?.maxCheckFixes ?? DEFAULT_MAX_CHECK_FIXES),
    closeOnMerge: project?.closeOnMerge ?? false,
  };
}

/**
 * The number of check follow-ups as typed; something else is sent as it is, so the check names the
 * field. While the follow-up is off the field is hidden: what it holds then must not stop a save.
 */
function maxCheckFixes(form: ProjectForm): number {
  const typed = typedNumber(form.maxCheckFixes);
  const valid = Number.isInteger(typed) && Number(typed) >= 1 && Number(typed) <= MAX_CHECK_FIXES;
  return form.followUpFailingChecks || valid ? (typed as number) : DEFAULT_MAX_CHECK_FIXES;
}

export function parseAliases(text: string): string[] {
  return text
    .split(',')
    .map((alias) => alias.trim())
    .filter((alias) => alias !== '');
}

export function formToProjectInput(form: ProjectForm, id: string | undefined): ProjectUpsertInput {
  return {
    ...(id ? { id } : {}),
    name: form.name,
    aliases: parseAliases(form.aliases),
    repoUrl: form.repoUrl,
    gitUrl: form.gitUrl,
    baseBranch: form.baseBranch,
    description: form.description,
    // A value that is not a number is sent as it is, so the check names the field.
    maxRunMinutes: form.maxRunMinutes.trim() === '' ? null : (typedNumber(form.maxRunMinutes) as number),
    defaultEvalCommand: form.defaultEvalCommand,
    followUpFailingChecks: form.followUpFailingChecks,
    maxCheckFixes: maxCheckFixes(form),
    closeOnMerge: form.closeOnMerge,
  };
}

/** The form's input, checked against the contract: throws every wrong field at once. */
export function checkProjectForm(form: ProjectForm, id: string | undefined): ProjectUpsertInput {
  return checkInput(projectUpsertInput, formToProjectInput(form, id));
}
