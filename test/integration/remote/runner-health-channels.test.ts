import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventPayload, Runner, RunnerHealth } from '@shared/contract';
import { createApi, type Router } from '../../../src/main/api';
import { createCore, type Core } from '../../../src/main/core/core';
import { startSshd, type Sshd } from '../../support/sshd';
import { makeTempDir } from '../../support/temp-dir';

// runners.health, runners.reconnect and the runner.health event, through the router of a real core.
const inline = { name: 'whoami', text: 'id -un' };
let sshd: Sshd;
let dir: ReturnType<typeof makeTempDir>;
let core: Core;
let router: Router;
const published: EventPayload<'runner.health'>[] = [];

beforeAll(async () => {
  dir = makeTempDir('sortie-health-');
  sshd = await startSshd();
  core = createCore({ dataDir: join(dir.path, 'data'), sshConfigFile: join(dir.path, 'none'), env: {} });
  router = createApi(core);
  core.bus.subscribe((name, payload) => {
    if (name === 'runner.health') published.push(payload as EventPayload<'runner.health'>);
  });
});
afterAll(async () => {
  core.close();
  await sshd.dispose();
  dir.remove();
});

async function call<T>(channel: string, input: unknown = {}): Promise<T> {
  const result = await router.call(channel, input);
  if (!result.ok) throw Object.assign(new Error(`${channel}: ${result.error.message}`), result.error);
  return result.value as T;
}

const upsert = (fields: Record<string, unknown> = {}) =>
  call<Runner>('runners.upsert', {
    name: 'box',
    host: sshd.host,
    port: sshd.port,
    user: sshd.username,
    auth: { kind: 'keyFile', keyPath: sshd.userKey.privateKeyPath },
    ...fields,
  });

describe('runner health channels', () => {
  it('reports unknown, ok and failing with the error, publishes each change, and clears on reconnect and save', async () => {
    const runner = await upsert();
    const healthOf = async () =>
      (await call<RunnerHealth[]>('runners.health')).find((h) => h.runnerId === runner.id);
    expect(await healthOf()).toEqual({
      runnerId: runner.id,
      state: 'unknown',
      code: null,
      message: null,
      at: null,
    });

    await core.pool.host(runner).run(inline, []);
    expect(await healthOf()).toMatchObject({ state: 'ok', code: null, message: null });
    expect((await healthOf())?.at).toMatch(/^\d{4}-\d\d-\d\dT/);

    await sshd.stop();
    await expect(core.pool.host(runner).run(inline, [])).rejects.toMatchObject({ code: 'REMOTE_FAILED' });
    const failing = await healthOf();
    expect(failing).toMatchObject({ state: 'failing', code: 'REMOTE_FAILED' });
    // The connection is noticed lost, or a new one is refused, whichever comes first.
    expect(failing?.message).toMatch(/connection was lost|refused the connection|did not complete/);

    const reconnected = await call<RunnerHealth>('runners.reconnect', { id: runner.id });
    expect(reconnected).toMatchObject({ runnerId: runner.id, state: 'unknown' });
    await sshd.start();
    await core.pool.host(runner).run(inline, []);
    expect((await healthOf())?.state).toBe('ok');

    // A save (with any change) clears a failure: the next call connects afresh.
    await sshd.stop();
    await expect(core.pool.host(runner).run(inline, [])).rejects.toMatchObject({ code: 'REMOTE_FAILED' });
    await sshd.start();
    await upsert({ id: runner.id, maxConcurrent: 3 });
    expect((await healthOf())?.state).toBe('unknown');
    await core.pool.host(runner).run(inline, []);

    // Each change is published (a new message while failing too: the connection was lost, then
    // refused); in order, the states were:
    const states = published.filter((p) => p.runnerId === runner.id).map((p) => p.state);
    expect(states.filter((state, i) => state !== states[i - 1])).toEqual([
      'ok',
      'failing',
      'unknown',
      'ok',
      'failing',
      'unknown',
      'ok',
    ]);
  });

  it('answers NOT_FOUND when reconnecting a runner that does not exist', async () => {
    await expect(call('runners.reconnect', { id: 'rnr_00000000000000000000' })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });
});
