import type { Project, ProjectUpsertInput } from '@shared/contract';

export interface ProjectForm {
  name: string;
  aliases: string;
  repoUrl: string;
  gitUrl: string;
  baseBranch: string;
  description: string;
}

export const PROJECT_FIELDS = [
  'name',
  'aliases',
  'repoUrl',
  'gitUrl',
  'baseBranch',
  'description',
] as const satisfies readonly (keyof ProjectForm)[];

export function projectToForm(project: Project | null): ProjectForm {
  return {
    name: project?.name ?? '',
    aliases: project?.aliases.join(', ') ?? '',
    repoUrl: project?.repoUrl ?? '',
    gitUrl: project?.gitUrl ?? '',
    baseBranch: project?.baseBranch ?? 'main',
    description: project?.description ?? '',
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
  };
}
