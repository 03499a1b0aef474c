import type { Project, ProjectUpsertInput } from '@shared/contract';

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
  };
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
    // A value that is not a number is sent as it is, so the core names the field.
    maxRunMinutes: form.maxRunMinutes.trim() === '' ? null : Number(form.maxRunMinutes.trim()),
    defaultEvalCommand: form.defaultEvalCommand,
  };
}
