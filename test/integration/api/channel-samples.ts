import type { z } from 'zod';
import { encodeCursor, type ChannelInput, type ChannelName } from '@shared/contract';

/** Ids the samples refer to; real ones make a sample that slipped through change something. */
export interface SampleIds {
  project: string;
  task: string;
  runner: string;
  dispatch: string;
  review: string;
}

type Samples = { [C in ChannelName]?: readonly [ChannelInput<C>, ...ChannelInput<C>[]] };

/** A terminal id no terminal has: its samples must change nothing. */
const NO_TERMINAL = 'trm_00000000000000000000';

const PRIVATE_KEY = [
  '-----BEGIN OPENSSH PRIVATE KEY-----',
  'b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW',
  '-----END OPENSSH PRIVATE KEY-----',
  '',
].join('\n');

/**
 * Valid inputs of every channel whose input holds a string, together filling every string field
 * its schema has (see `schemaStringFields`). The tests demand exactly that, so a new channel or
 * field with text cannot go untested; channels whose inputs hold no string need no entry.
 */
export function channelSamples(ids: SampleIds): Samples {
  return {
    'projects.upsert': [
      {
        id: ids.project,
        name: 'api',
        aliases: ['backend', 'svc'],
        repoUrl: 'https://github.com/acme/api',
        gitUrl: 'git@github.com:acme/api.git',
        baseBranch: 'main',
        description: 'The public API.\n\tServed by the edge.',
        defaultEvalCommand: 'npm test -- --run\nnpm run lint',
      },
    ],
    'projects.remove': [{ id: ids.project }],
    'queue.board': [{ projectId: ids.project, includeClosed: true, cardsPerLane: 10 }],
    'tasks.list': [
      {
        projectId: ids.project,
        includeClosed: true,
        order: 'oldest',
        cursor: encodeCursor({ createdAt: '2026-03-01T09:00:00.000Z', id: ids.task }),
      },
    ],
    'dispatches.list': [
      { cursor: encodeCursor({ createdAt: '2026-03-01T09:00:00.000Z', id: ids.dispatch }) },
    ],
    'tasks.get': [{ id: ids.task }],
    'tasks.create': [
      {
        projectId: ids.project,
        title: 'Fix the login timeout',
        summary: 'It times out after 3s.',
        priority: 'high',
        note: 'api fix the login timeout',
        source: 'app',
      },
    ],
    'tasks.update': [
      { id: ids.task, title: 'Fix login timeout', summary: 'Longer.', priority: 'low', status: 'open' },
    ],
    'tasks.capture': [
      { note: 'api prio high fix it', source: 'tray', queue: false, runnerId: ids.runner, agent: 'codex' },
      {
        note: 'api make the tests pass',
        source: 'cli',
        queue: true,
        iterate: { maxIterations: 2, evalCommand: 'npm test', feedbackTemplate: 'Again:\n{eval_output}' },
      },
    ],
    'tasks.previewCapture': [
      { note: 'api prio high fix it', queue: true, runnerId: ids.runner, agent: 'codex' },
      {
        note: 'api make the tests pass',
        queue: false,
        iterate: { maxIterations: 2, evalCommand: 'npm test', feedbackTemplate: 'Again: {eval_output}' },
      },
    ],
    'tasks.delete': [{ id: ids.task }],
    'runners.upsert': [
      {
        id: ids.runner,
        name: 'box',
        host: 'build.internal',
        port: 2222,
        user: 'dev',
        auth: { kind: 'keyFile', keyPath: '~/.ssh/id_ed25519', passphrase: 'correct horse' },
        hostKeyPolicy: 'strict',
        workspaceRoot: '~/sortie',
        registryPath: '~/sortie/registry.json',
        shellPrelude: 'export PATH="$HOME/bin:$PATH"',
        defaultAgent: 'claude',
        maxConcurrent: 2,
        isDefault: false,
      },
    ],
    'runners.remove': [{ id: ids.runner }],
    'runners.test': [{ id: ids.runner }],
    'runners.importKey': [{ id: ids.runner, privateKey: PRIVATE_KEY, passphrase: 'correct horse' }],
    'runners.forgetHostKey': [{ id: ids.runner }],
    'runners.reconnect': [{ id: ids.runner }],
    'dispatches.history': [{ taskId: ids.task }],
    'dispatches.get': [{ id: ids.dispatch }],
    'dispatches.queue': [
      {
        taskId: ids.task,
        runnerId: ids.runner,
        agent: 'codex',
        iterate: {
          maxIterations: 3,
          evalCommand: 'npm test\nnpm run lint',
          feedbackTemplate: 'Round {iteration}:\n{eval_output}',
        },
      },
    ],
    'dispatches.chains': [{ taskId: ids.task }],
    'dispatches.changes': [{ id: ids.dispatch }],
    'terminals.open': [{ runId: ids.dispatch, cols: 80, rows: 24, stream: 'socket' }],
    'terminals.input': [{ terminalId: NO_TERMINAL, data: Buffer.from('ls -la\r').toString('base64') }],
    'terminals.resize': [{ terminalId: NO_TERMINAL, cols: 100, rows: 30 }],
    'terminals.close': [{ terminalId: NO_TERMINAL }],
    'terminals.keepAlive': [{ terminalIds: [NO_TERMINAL] }],
    'automation.log': [{ taskId: ids.task, limit: 10 }],
    'automation.run': [{ taskId: ids.task }],
    'dispatches.followUp': [{ taskId: ids.task, request: 'Also cover the refresh path.' }],
    'dispatches.cancel': [{ dispatchId: ids.dispatch }],
    'dispatches.discardHistory': [{ taskId: ids.task }],
    'dispatches.events': [{ dispatchId: ids.dispatch, afterSeq: 0, limit: 10 }],
    'dispatches.watch': [{ dispatchId: ids.dispatch, watching: true }],
    'maintenance.reset': [{ runnerId: ids.runner }],
    'reviews.get': [{ reviewId: ids.review }],
    'reviews.history': [{ reviewId: ids.review }],
    'reviews.create': [
      {
        pullRequestUrl: 'https://github.com/acme/api/pull/9',
        runnerId: ids.runner,
        agent: 'claude',
        extraInstructions: 'Focus on the migration.\nAnd the tests.',
      },
    ],
    'reviews.rerun': [{ reviewId: ids.review, request: 'Check the fix.' }],
    'reviews.cancel': [{ reviewId: ids.review }],
    'reviews.delete': [{ reviewId: ids.review }],
    'settings.update': [
      {
        githubMainUser: 'octocat',
        defaultReviewPrompt: 'Review for security first.',
        reviewFollowUpEnabled: true,
        reviewFollowUpIntervalMinutes: 10,
        notificationsEnabled: false,
        theme: 'dark',
      },
    ],
  };
}

export type Path = (string | number)[];

/** Every string inside `value` (object fields and array elements, at any depth) with its path. */
export function stringsIn(value: unknown, path: Path = []): { path: Path; text: string }[] {
  if (typeof value === 'string') return [{ path, text: value }];
  if (Array.isArray(value)) return value.flatMap((item, i) => stringsIn(item, [...path, i]));
  if (value !== null && typeof value === 'object') {
    return Object.entries(value).flatMap(([key, item]) => stringsIn(item, [...path, key]));
  }
  return [];
}

/** A deep copy of `value` with the string at `path` replaced. */
export function replacedAt(value: unknown, path: Path, text: string): unknown {
  if (path.length === 0) return text;
  const [head, ...rest] = path as [string | number, ...Path];
  if (Array.isArray(value)) return value.map((item, i) => (i === head ? replacedAt(item, rest, text) : item));
  const record = value as Record<string, unknown>;
  return { ...record, [head]: replacedAt(record[head], rest, text) };
}

/** The path with array positions written `*`, as `schemaStringFields` names fields. */
export function fieldPattern(path: Path): string {
  return path.map((part) => (typeof part === 'number' ? '*' : part)).join('.');
}

/**
 * What a string field of a schema is: free text, text that must match a pattern (ids), or one
 * of the values of an enum or literal.
 */
export type StringFieldKind = 'text' | 'pattern' | 'choice';

interface SchemaDef {
  type: string;
  shape?: Record<string, SchemaLike>;
  innerType?: SchemaLike;
  element?: SchemaLike;
  options?: SchemaLike[];
  in?: SchemaLike;
  values?: unknown[];
  checks?: { _zod: { def: { format?: string } } }[];
}
interface SchemaLike {
  _zod: { def: SchemaDef };
}

const NO_STRINGS = new Set(['number', 'boolean', 'null', 'undefined', 'never', 'unknown', 'any']);

/**
 * Every field of an input schema that holds a string, keyed by pattern (`aliases.*`,
 * `auth.keyPath`). A construct it does not know throws, so a schema cannot hide a field from it.
 */
export function schemaStringFields(schema: z.ZodType): Map<string, StringFieldKind> {
  const found = new Map<string, StringFieldKind>();
  const walk = (node: SchemaLike, path: string[]): void => {
    const def = node._zod.def;
    const at = path.join('.');
    switch (def.type) {
      case 'string':
        found.set(at, def.checks?.some((c) => c._zod.def.format === 'regex') ? 'pattern' : 'text');
        return;
      case 'enum':
        found.set(at, 'choice');
        return;
      case 'literal':
        if (def.values?.some((v) => typeof v === 'string')) found.set(at, 'choice');
        return;
      case 'object':
        for (const [key, child] of Object.entries(def.shape ?? {})) walk(child, [...path, key]);
        return;
      case 'array':
        walk(def.element!, [...path, '*']);
        return;
      case 'union':
        for (const option of def.options ?? []) walk(option, path);
        return;
      case 'optional':
      case 'nullable':
      case 'default':
      case 'prefault':
      case 'readonly':
        walk(def.innerType!, path);
        return;
      case 'pipe':
        walk(def.in!, path);
        return;
      default:
        if (!NO_STRINGS.has(def.type)) throw new Error(`schemaStringFields: unknown schema type ${def.type}`);
    }
  };
  walk(schema as unknown as SchemaLike, []);
  return found;
}
