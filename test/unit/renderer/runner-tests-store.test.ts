import { beforeEach, describe, expect, it } from 'vitest';
import { installClient } from '@renderer/api';
import { createClient } from '@renderer/api/client';
import type { Transport } from '@renderer/api/transport';
import { forgetHostKey, testRunner, useRunnerTestsStore } from '@renderer/stores/runner-tests';
import { applyRunner } from '@renderer/stores/runners';
import { RUNNER_CHECK_IDS, type Envelope, type RunnerTestResult } from '@shared/contract';
import { runner } from './fixtures';

const passed: RunnerTestResult = {
  ok: true,
  checks: RUNNER_CHECK_IDS.map((id) => ({ id, ok: true, warning: false, message: 'fine' })),
  hostKey: { outcome: 'recorded', fingerprint: 'SHA256:abc', expected: [] },
  errorCode: null,
  testedAt: '2026-12-03T09:30:00.000Z',
};

let calls: { channel: string; input: unknown }[];
let reply: (channel: string) => Promise<Envelope<unknown>>;

beforeEach(() => {
  calls = [];
  reply = async (channel) =>
    channel === 'runners.test'
      ? { ok: true, value: passed }
      : channel === 'runners.forgetHostKey'
        ? { ok: true, value: { removedEntries: 1 } }
        : { ok: false, error: { code: 'UNKNOWN_CHANNEL', message: channel } };
  const transport: Transport = {
    invoke: (channel, input) => {
      calls.push({ channel, input });
      return reply(channel);
    },
    on: () => () => {},
    onEventsMissed: () => () => {},
  };
  installClient(createClient(transport));
  useRunnerTestsStore.setState({ tests: {} });
});

describe('runner tests store', () => {
  const id = runner(1).id;
  const entry = () => useRunnerTestsStore.getState().tests[id];

  it('shows the test as running, then keeps its result', async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const base = reply;
    reply = async (channel) => {
      await held;
      return base(channel);
    };
    const running = testRunner(id);
    expect(entry()?.status).toBe('testing');
    release();
    expect(await running).toEqual(passed);
    expect(entry()).toMatchObject({ status: 'done', result: passed, error: null });
    expect(calls).toEqual([{ channel: 'runners.test', input: { id } }]);
  });

  it('keeps what went wrong when the call itself fails, without throwing', async () => {
    reply = async () => ({ ok: false, error: { code: 'NOT_FOUND', message: 'Runner is gone.' } });
    expect(await testRunner(id)).toBeNull();
    expect(entry()).toMatchObject({ status: 'done', result: null, error: 'Runner is gone.' });
  });

  it('notes a forgotten host key, and drops the result of a removed runner', async () => {
    await testRunner(id);
    expect(await forgetHostKey(id)).toBe(1);
    expect(calls.at(-1)).toEqual({ channel: 'runners.forgetHostKey', input: { id } });
    expect(entry()?.hostKeyForgotten).toBe(true);
    applyRunner(id, null);
    expect(entry()).toBeUndefined();
  });
});
