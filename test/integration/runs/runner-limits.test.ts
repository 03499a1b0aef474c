import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Dispatch } from '@shared/contract';
import { startRunFixture, type RunFixture } from '../../support/run-fixture';

// Runs on runners that are less accommodating than the harness default: few SSH sessions, no
// SFTP subsystem, a login shell that prints.
const FINAL = ['succeeded', 'failed', 'blocked', 'canceled'] as const;
const asRoot = process.getuid?.() === 0;

async function runToEnd(f: RunFixture, title: string): Promise<Dispatch> {
  const task = await f.newTask(title);
  const queued = await f.call('dispatches.queue', { taskId: task.id });
  return f.waitFor(queued.id, [...FINAL], 90_000);
}

describe('a runner whose sshd allows two sessions (MaxSessions 2)', () => {
  let f: RunFixture;
  beforeAll(async () => {
    f = await startRunFixture({ maxConcurrent: 3, sshd: { maxSessions: 2 } });
  });
  afterAll(() => f.close());

  it('runs three tasks at once to success on a runner of capacity 3, sharing the sessions there are', async () => {
    f.outcome('success');
    const done = await Promise.all([1, 2, 3].map((i) => runToEnd(f, `Limited ${i}`)));
    for (const run of done) expect(run.status, run.errorText).toBe('succeeded');
    // The server did refuse sessions beyond its two; the runs never saw it.
    expect(f.sshd.log()).toMatch(/no more sessions/);
    expect(f.core.pool.health(f.runner.id).state).toBe('ok');
  });
});

describe('a runner whose sshd has no SFTP subsystem', () => {
  let f: RunFixture;
  beforeAll(async () => {
    f = await startRunFixture({ sshd: { sftp: false } });
  });
  afterAll(() => f.close());

  it('runs a task to success (uploads go through the worker)', async () => {
    f.outcome('success');
    const run = await runToEnd(f, 'Without SFTP');
    expect(run.status, run.errorText).toBe('succeeded');
    expect(readFileSync(join(f.sshd.dir, 'sshd_config'), 'utf8')).not.toMatch(/subsystem/i);
    // sshd logs every subsystem request, refused ones too: nothing asked for SFTP.
    expect(f.sshd.log()).not.toMatch(/subsystem request/i);
  });
});

describe.skipIf(!asRoot)('a runner whose login shell prints to stdout', () => {
  let f: RunFixture;
  beforeAll(async () => {
    f = await startRunFixture({ sshd: { user: 'test-user', testUserName: 'sortie-chatty-run' } });
    for (const file of ['.bashrc', '.profile']) {
      f.sshd.runAsUser(['sh', '-c', `printf 'echo WELCOME from ${file}\\n' > "$HOME/${file}"`]);
    }
  });
  afterAll(() => f.close());

  it('runs a task to success', async () => {
    // What an SSH session of this account prints before any command of ours.
    const session = execFileSync('ssh', [...f.sshd.opensshArgs(), 'true'], { encoding: 'utf8' });
    expect(session).toContain('WELCOME');
    f.outcome('success');
    const run = await runToEnd(f, 'Chatty shell');
    expect(run.status, run.errorText).toBe('succeeded');
  });
});
