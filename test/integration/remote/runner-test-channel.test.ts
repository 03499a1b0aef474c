import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Runner, RunnerTestResult } from '@shared/contract';
import { createApi, type Router } from '../../../src/main/api';
import { createCore, type Core } from '../../../src/main/core/core';
import { installFakeClis } from '../../support/fake-cli/install';
import { generateKeyPair } from '../../support/ssh-keys';
import { startSshd, type Sshd } from '../../support/sshd';
import { makeTempDir } from '../../support/temp-dir';

let sshd: Sshd;
let dir: ReturnType<typeof makeTempDir>;
let core: Core;
let router: Router;

beforeAll(async () => {
  dir = makeTempDir('sortie-runner-test-');
  sshd = await startSshd();
  core = createCore({ dataDir: join(dir.path, 'data'), sshConfigFile: join(dir.path, 'none'), env: {} });
  router = createApi(core);
});
afterAll(async () => {
  core.close();
  await sshd.dispose();
  dir.remove();
});

async function ok<T>(channel: string, input: unknown): Promise<T> {
  const result = await router.call(channel, input);
  if (!result.ok) throw new Error(`${channel}: ${result.error.code} ${result.error.message}`);
  return result.value as T;
}

async function addRunner(
  name: string,
  prelude: string,
  auth: unknown = { kind: 'keyFile', keyPath: sshd.userKey.privateKeyPath },
) {
  return ok<Runner>('runners.upsert', {
    name,
    host: sshd.host,
    port: sshd.port,
    user: sshd.username,
    auth,
    shellPrelude: prelude,
  });
}

describe('runners.test', () => {
  it('reports each check, and exactly the missing codex as failed', async () => {
    const runner = await addRunner('no-codex', installFakeClis(sshd, { omit: ['codex'] }));
    const result = await ok<RunnerTestResult>('runners.test', { id: runner.id });
    const byId = Object.fromEntries(result.checks.map((c) => [c.id, c]));
    expect(result.checks.map((c) => c.id)).toEqual([
      'connect',
      'host-key',
      'prelude',
      'git',
      'gh',
      'gh-auth',
      'codex',
      'claude',
      'workspace',
    ]);
    expect(result.checks.filter((c) => !c.ok).map((c) => c.id)).toEqual(['codex']);
    // Codex is this runner's default agent, so its absence is a failure, with how to fix PATH.
    expect(byId.codex?.warning).toBe(false);
    expect(byId.codex?.message).toMatch(/not found on PATH/);
    expect(byId.codex?.message).toContain('shell prelude, e.g. export PATH="$HOME/.local/bin:$PATH"');
    expect(byId.claude?.message).toContain('Claude Code');
    expect(byId.gh?.message).toContain('gh version');
    expect(byId['host-key']?.message).toContain(sshd.hostKey.fingerprint);
    expect(result.hostKey).toEqual({
      outcome: 'recorded',
      fingerprint: sshd.hostKey.fingerprint,
      expected: [],
    });
    expect(result.ok).toBe(false);
  });

  it('only warns about a missing agent CLI that is not the runner’s default agent', async () => {
    const runner = await addRunner('codex-only', installFakeClis(sshd, { omit: ['claude'] }));
    const result = await ok<RunnerTestResult>('runners.test', { id: runner.id });
    const claude = result.checks.find((c) => c.id === 'claude');
    expect(claude).toMatchObject({ ok: false, warning: true });
    expect(claude?.message).toMatch(/not found on PATH/);
    expect(claude?.message).toContain("this runner's default agent is Codex CLI");
    expect(result.checks.filter((c) => !c.ok && !c.warning)).toEqual([]);
    expect(result.ok).toBe(true);

    // Made the runner's default, the same missing CLI fails the test.
    const { id, createdAt: _c, updatedAt: _u, auth: _a, isDefault: _d, ...fields } = runner;
    await ok('runners.upsert', {
      id,
      ...fields,
      auth: { kind: 'keyFile', keyPath: sshd.userKey.privateKeyPath },
      defaultAgent: 'claude',
    });
    const strict = await ok<RunnerTestResult>('runners.test', { id });
    expect(strict.checks.find((c) => c.id === 'claude')).toMatchObject({ ok: false, warning: false });
    expect(strict.ok).toBe(false);
  });

  it('keeps each runner’s latest test across a restart, until how it connects changes', async () => {
    const runner = await addRunner('remembered', installFakeClis(sshd, { omit: ['claude'] }));
    const other = await addRunner('never-tested', installFakeClis(sshd));
    await ok('runners.test', { id: runner.id });
    const latest = await ok<RunnerTestResult>('runners.test', { id: runner.id });
    expect(Date.parse(latest.testedAt)).toBeLessThanOrEqual(Date.now());

    core.close();
    core = createCore({ dataDir: join(dir.path, 'data'), sshConfigFile: join(dir.path, 'none'), env: {} });
    router = createApi(core);
    const kept = await ok<{ runnerId: string; result: RunnerTestResult }[]>('runners.lastTests', {});
    expect(kept.find((t) => t.runnerId === runner.id)?.result).toEqual(latest);
    expect(kept.some((t) => t.runnerId === other.id)).toBe(false);

    // Renaming it says nothing about how it connects: the test stays.
    const { id, createdAt: _c, updatedAt: _u, auth: _a, isDefault: _d, ...fields } = runner;
    const auth = { kind: 'keyFile', keyPath: sshd.userKey.privateKeyPath };
    await ok('runners.upsert', { id, ...fields, auth, name: 'remembered-2' });
    expect((await ok<{ runnerId: string }[]>('runners.lastTests', {})).map((t) => t.runnerId)).toContain(id);
    // A new prelude does: the old result no longer describes the runner.
    await ok('runners.upsert', {
      id,
      ...fields,
      auth,
      name: 'remembered-2',
      shellPrelude: `${fields.shellPrelude}\ntrue`,
    });
    expect((await ok<{ runnerId: string }[]>('runners.lastTests', {})).map((t) => t.runnerId)).not.toContain(
      id,
    );

    // A test still going when the runner is saved with other settings is not kept for it.
    const testing = ok<RunnerTestResult>('runners.test', { id });
    await ok('runners.upsert', {
      id,
      ...fields,
      auth,
      name: 'remembered-2',
      shellPrelude: `${fields.shellPrelude}\ntrue\ntrue`,
    });
    await testing;
    expect((await ok<{ runnerId: string }[]>('runners.lastTests', {})).map((t) => t.runnerId)).not.toContain(
      id,
    );

    // Removing a runner removes its test with it.
    await ok('runners.test', { id: other.id });
    await ok('runners.remove', { id: other.id });
    expect((await ok<{ runnerId: string }[]>('runners.lastTests', {})).map((t) => t.runnerId)).not.toContain(
      other.id,
    );
  });

  it('passes every check when the runner has everything', async () => {
    const runner = await addRunner('complete', installFakeClis(sshd));
    const result = await ok<RunnerTestResult>('runners.test', { id: runner.id });
    expect(result.checks.filter((c) => !c.ok)).toEqual([]);
    expect(result.ok).toBe(true);
  });

  it('reports a failing prelude and a logged-out gh as separate checks', async () => {
    sshd.runAsUser(['mkdir', '-p', join(sshd.home, '.fake-gh')]);
    sshd.runAsUser(['touch', join(sshd.home, '.fake-gh/logged-out')]);
    try {
      const runner = await addRunner('broken-prelude', `${installFakeClis(sshd)}\nfalse`);
      const result = await ok<RunnerTestResult>('runners.test', { id: runner.id });
      expect(result.checks.filter((c) => !c.ok).map((c) => c.id)).toEqual(['prelude', 'gh-auth']);
      expect(result.checks.find((c) => c.id === 'gh-auth')?.message).toMatch(/gh auth login/);
    } finally {
      sshd.runAsUser(['rm', '-f', join(sshd.home, '.fake-gh/logged-out')]);
    }
  });

  it('shows both fingerprints when the host key changed, and records the new one after forgetting', async () => {
    const runner = await addRunner('rekeyed', installFakeClis(sshd));
    const before = sshd.hostKey.fingerprint;
    await ok('runners.test', { id: runner.id });
    const fresh = await sshd.restartWithNewHostKey();
    const mismatch = await ok<RunnerTestResult>('runners.test', { id: runner.id });
    expect(mismatch.errorCode).toBe('HOST_KEY_MISMATCH');
    expect(mismatch.hostKey).toEqual({
      outcome: 'mismatch',
      fingerprint: fresh.fingerprint,
      expected: [before],
    });
    expect(mismatch.checks[0]).toMatchObject({ id: 'connect', ok: false });
    expect(await ok('runners.forgetHostKey', { id: runner.id })).toEqual({ removedEntries: 1 });
    const again = await ok<RunnerTestResult>('runners.test', { id: runner.id });
    expect(again.hostKey).toMatchObject({ outcome: 'recorded', fingerprint: fresh.fingerprint });
  });

  it('asks for the passphrase of a protected key instead of calling it a refused login', async () => {
    const locked = generateKeyPair(dir.path, { passphrase: 'hunter2', name: 'locked' });
    sshd.addAuthorizedKey(locked.publicKey);
    const runner = await addRunner('locked', installFakeClis(sshd), {
      kind: 'keyFile',
      keyPath: locked.privateKeyPath,
    });
    const result = await ok<RunnerTestResult>('runners.test', { id: runner.id });
    expect(result.errorCode).toBe('PASSPHRASE_REQUIRED');
    await addRunnerPassphrase(runner, locked.privateKeyPath, 'hunter2');
    const unlocked = await ok<RunnerTestResult>('runners.test', { id: runner.id });
    expect(unlocked.ok).toBe(true);
  });
});

async function addRunnerPassphrase(runner: Runner, keyPath: string, passphrase: string) {
  const { id, name, host, port, user, shellPrelude } = runner;
  await ok('runners.upsert', {
    id,
    name,
    host,
    port,
    user,
    shellPrelude,
    auth: { kind: 'keyFile', keyPath, passphrase },
  });
}

describe('runners.importKey', () => {
  it('keeps the key as a 0600 file in the data directory, never in an answer, and connects with it', async () => {
    const runner = await addRunner('imported', installFakeClis(sshd), { kind: 'agent' });
    const keyText = readFileSync(sshd.userKey.privateKeyPath, 'utf8');
    const updated = await ok<Runner>('runners.importKey', { id: runner.id, privateKey: keyText });
    expect(updated.auth).toEqual({ kind: 'importedKey', hasPassphrase: false });
    const file = join(core.dataDir, 'keys', `${runner.id}.key`);
    expect(readFileSync(file, 'utf8')).toBe(keyText);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(JSON.stringify(await router.call('runners.list', {}))).not.toContain('PRIVATE KEY');
    const result = await ok<RunnerTestResult>('runners.test', { id: runner.id });
    expect(result.ok).toBe(true);
  });

  it('refuses a protected key without its passphrase and changes nothing', async () => {
    const runner = await addRunner('import-locked', '', { kind: 'agent' });
    const locked = generateKeyPair(dir.path, { passphrase: 'pw', name: 'import-locked' });
    const result = await router.call('runners.importKey', {
      id: runner.id,
      privateKey: readFileSync(locked.privateKeyPath, 'utf8'),
    });
    expect(result).toMatchObject({ ok: false, error: { code: 'PASSPHRASE_REQUIRED' } });
    const after = (await ok<Runner[]>('runners.list', {})).find((r) => r.id === runner.id);
    expect(after?.auth).toEqual({ kind: 'agent' });
    expect(await router.call('runners.importKey', { id: runner.id, privateKey: 'not a key' })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION_FAILED', field: 'privateKey' },
    });
  });
});
