import type { Project, Runner, Task } from '@shared/contract';

/** Ids shaped like the core's: prefix, underscore, 20 base32 characters. */
export function id(prefix: 'prj' | 'tsk' | 'rnr' | 'rev', n: number): string {
  return `${prefix}_${String(n).padStart(20, '0')}`;
}

export function at(minute: number): string {
  return new Date(Date.UTC(2026, 10, 21, 9, minute)).toISOString();
}

export function task(n: number, patch: Partial<Task> = {}): Task {
  return {
    id: id('tsk', n),
    projectId: id('prj', 1),
    title: `Task ${n}`,
    summary: '',
    note: '',
    priority: 'medium',
    status: 'open',
    source: 'app',
    createdAt: at(n),
    updatedAt: at(n),
    closedAt: null,
    ...patch,
  };
}

export function project(n: number, patch: Partial<Project> = {}): Project {
  return {
    id: id('prj', n),
    name: `project${n}`,
    aliases: [],
    repoUrl: '',
    gitUrl: '',
    baseBranch: 'main',
    description: '',
    maxRunMinutes: null,
    defaultEvalCommand: '',
    followUpFailingChecks: false,
    maxCheckFixes: 2,
    closeOnMerge: false,
    createdAt: at(n),
    updatedAt: at(n),
    ...patch,
  };
}

export function runner(n: number, patch: Partial<Runner> = {}): Runner {
  return {
    id: id('rnr', n),
    name: `box${n}`,
    host: 'box.local',
    port: 2222,
    user: 'dev',
    auth: { kind: 'keyFile', keyPath: '~/.ssh/id_ed25519', hasPassphrase: false },
    hostKeyPolicy: 'accept-new',
    workspaceRoot: '~/w',
    registryPath: '~/w/registry.json',
    shellPrelude: 'export PATH="$HOME/bin:$PATH"',
    defaultAgent: 'claude',
    maxConcurrent: 3,
    isDefault: true,
    createdAt: at(n),
    updatedAt: at(n),
    ...patch,
  };
}
