import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CHANNEL_NAMES, channels, type ChannelName } from '@shared/contract';
import { createApi, type Router } from '../../../src/main/api';
import { createCore, type Core } from '../../../src/main/core/core';
import { DATABASE_FILE } from '../../../src/main/core/data-dir';
import { makeTempDir } from '../../support/temp-dir';
import {
  channelSamples,
  fieldPattern,
  replacedAt,
  schemaStringFields,
  stringsIn,
  type Path,
  type SampleIds,
} from './channel-samples';

/** The fields that may span lines; every other string field of every channel is one line. */
const MULTI_LINE_FIELDS: Partial<Record<ChannelName, readonly string[]>> = {
  'projects.upsert': ['description', 'defaultEvalCommand'],
  'tasks.create': ['summary', 'note'],
  'tasks.update': ['summary'],
  'tasks.capture': ['note', 'iterate.evalCommand', 'iterate.feedbackTemplate'],
  'tasks.previewCapture': ['note', 'iterate.evalCommand', 'iterate.feedbackTemplate'],
  'runners.upsert': ['shellPrelude'],
  'runners.importKey': ['privateKey'],
  'dispatches.followUp': ['request'],
  'dispatches.queue': ['iterate.evalCommand', 'iterate.feedbackTemplate'],
  'reviews.create': ['extraInstructions'],
  'reviews.rerun': ['request'],
  'settings.update': ['defaultReviewPrompt'],
};

let dir: ReturnType<typeof makeTempDir>;
let core: Core;
let router: Router;
let ids: SampleIds;

async function ok<T>(channel: string, input?: unknown): Promise<T> {
  const result = await router.call(channel, input);
  if (!result.ok) throw new Error(`${channel} failed: ${result.error.code} ${result.error.message}`);
  return result.value as T;
}

beforeEach(async () => {
  dir = makeTempDir();
  // Never started: nothing runs in the background, so the database changes only through calls.
  core = createCore({ dataDir: dir.path, env: {} });
  router = createApi(core);
  const project = await ok<{ id: string }>('projects.upsert', {
    name: 'api',
    repoUrl: 'https://github.com/acme/api',
    gitUrl: 'git@github.com:acme/api.git',
  });
  const task = await ok<{ id: string }>('tasks.create', { projectId: project.id, title: 'Seed task' });
  const runner = await ok<{ id: string }>('runners.upsert', {
    name: 'box',
    host: 'build.internal',
    shellPrelude: 'export PATH="$HOME/bin:$PATH"',
  });
  const dispatch = await ok<{ id: string }>('dispatches.queue', { taskId: task.id, runnerId: runner.id });
  // A review as stored (creating one reads the pull request on a runner, which this core has not).
  const review = core.repos.reviews.create({
    pullRequestUrl: 'https://github.com/acme/api/pull/5',
    repository: 'acme/api',
    pullRequestNumber: 5,
    agent: 'codex',
  });
  ids = { project: project.id, task: task.id, runner: runner.id, dispatch: dispatch.id, review: review.id };
});
afterEach(() => {
  core.close();
  dir.remove();
});

/** Every row of every table, read through a second connection, in a stable order. */
function databaseContents(): string {
  const db = new Database(join(dir.path, DATABASE_FILE), { readonly: true, fileMustExist: true });
  try {
    const tables = db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
      .pluck()
      .all() as string[];
    const rows = tables.map((table) => [
      table,
      db
        .prepare(`SELECT * FROM "${table}"`)
        .all()
        .map((row) => JSON.stringify(row))
        .sort(),
    ]);
    return JSON.stringify(rows);
  } finally {
    db.close();
  }
}

/** `text` with `inserted` in its middle, where no trimming can remove it. */
function withInMiddle(text: string, inserted: string): string {
  const middle = Math.floor(text.length / 2);
  return text.slice(0, middle) + inserted + text.slice(middle);
}

/** Each channel's samples with each of their string fields. */
function everyStringField(): { channel: ChannelName; sample: unknown; path: Path; text: string }[] {
  const samples = channelSamples(ids);
  return CHANNEL_NAMES.flatMap((channel) =>
    (samples[channel] ?? []).flatMap((sample: unknown) =>
      stringsIn(sample).map(({ path, text }) => ({ channel, sample, path, text })),
    ),
  );
}

describe('text that may reach a runner', () => {
  it('has valid samples for every channel with text input, reaching every string field', () => {
    const samples = channelSamples(ids);
    for (const channel of CHANNEL_NAMES) {
      const list: readonly unknown[] = samples[channel] ?? [];
      const covered = new Set<string>();
      for (const sample of list) {
        const parsed = channels[channel].input.safeParse(sample);
        expect(parsed.error?.issues ?? [], `${channel} sample`).toEqual([]);
        for (const { path } of stringsIn(sample)) covered.add(fieldPattern(path));
      }
      for (const field of schemaStringFields(channels[channel].input).keys()) {
        expect(covered.has(field), `${channel}: no sample fills ${field}`).toBe(true);
      }
    }
    // The walk of the schemas finds what it should: a channel without text has no string field.
    expect(schemaStringFields(channels['queue.setPaused'].input).size).toBe(0);
    expect([...schemaStringFields(channels['runners.upsert'].input).keys()]).toEqual(
      expect.arrayContaining(['name', 'auth.kind', 'auth.keyPath', 'auth.passphrase', 'workspaceRoot']),
    );
    expect(schemaStringFields(channels['projects.upsert'].input).get('aliases.*')).toBe('text');
    expect(schemaStringFields(channels['tasks.get'].input).get('id')).toBe('pattern');
  });

  it('knows every multi-line field it lists', () => {
    for (const [channel, fields] of Object.entries(MULTI_LINE_FIELDS)) {
      const known = schemaStringFields(channels[channel as ChannelName].input);
      for (const field of fields ?? []) expect(known.get(field), `${channel} ${field}`).toBe('text');
    }
  });

  it('refuses NUL in every string field of every channel, naming the field and changing nothing', async () => {
    const before = databaseContents();
    const cases = everyStringField();
    expect(cases.length).toBeGreaterThan(50);
    for (const { channel, sample, path, text } of cases) {
      const field = path.join('.');
      const input = replacedAt(sample, path, withInMiddle(text, '\u0000'));
      const result = await router.call(channel, input);
      const label = `${channel} ${field}`;
      expect(result.ok, label).toBe(false);
      if (result.ok) continue;
      expect(result.error.code, label).toBe('VALIDATION_FAILED');
      expect(result.error.field, label).toBe(field);
      const kind = schemaStringFields(channels[channel].input).get(fieldPattern(path));
      if (kind === 'text') {
        expect(result.error.message, label).toBe(
          `${field}: must not contain control characters (found U+0000)`,
        );
      }
    }
    expect(databaseContents()).toBe(before);
  });

  it('accepts newline and tab only in multi-line fields', async () => {
    const before = databaseContents();
    for (const { channel, sample, path, text } of everyStringField()) {
      const field = path.join('.');
      const multiLine = MULTI_LINE_FIELDS[channel]?.includes(fieldPattern(path)) ?? false;
      for (const [name, char] of [
        ['newline', '\n'],
        ['tab', '\t'],
      ] as const) {
        const input = replacedAt(sample, path, withInMiddle(text, char));
        const label = `${channel} ${field} with a ${name}`;
        if (multiLine) {
          // Checked at the contract only: calling the channel would change the database.
          expect(channels[channel].input.safeParse(input).error?.issues ?? [], label).toEqual([]);
        } else {
          const result = await router.call(channel, input);
          expect(result, label).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED', field } });
        }
      }
    }
    expect(databaseContents()).toBe(before);
  });

  it('refuses DEL, C1 controls, a lone carriage return and lone surrogates even in multi-line fields', async () => {
    const task = ids.task;
    for (const [char, shown] of [
      ['\u007f', 'control characters (found U+007F)'],
      ['\u0085', 'control characters (found U+0085)'],
      ['\u009f', 'control characters (found U+009F)'],
      ['a\rb', 'control characters (found U+000D)'],
      ['\ud800', 'a lone surrogate (found U+D800)'],
      ['\udfff', 'a lone surrogate (found U+DFFF)'],
    ] as const) {
      const result = await router.call('tasks.update', { id: task, summary: `before ${char} after` });
      expect(result, JSON.stringify(char)).toMatchObject({
        ok: false,
        error: { code: 'VALIDATION_FAILED', field: 'summary', message: `summary: must not contain ${shown}` },
      });
    }
  });
});
