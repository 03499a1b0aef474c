import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createClient } from '@renderer/api/client';
import { ClientError } from '@renderer/api/client-error';
import type { Transport } from '@renderer/api/transport';
import { isEnvelope } from '@renderer/api/envelope';
import type { Envelope } from '@shared/contract';
import { project, task } from './fixtures';

function fakeTransport(reply: (channel: string, input: unknown) => Envelope<unknown>) {
  const listeners = new Map<string, (payload: unknown) => void>();
  const calls: { channel: string; input: unknown }[] = [];
  const transport: Transport = {
    invoke: async (channel, input) => {
      calls.push({ channel, input });
      return reply(channel, input);
    },
    on: (event, listener) => {
      listeners.set(event, listener);
      return () => listeners.delete(event);
    },
    onEventsMissed: () => () => {},
  };
  return {
    transport,
    calls,
    emit: (event: string, payload: unknown) => listeners.get(event)?.(payload),
  };
}

describe('client', () => {
  // The client logs contract mismatches; keep the test output clean.
  beforeEach(() => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
  });
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('returns the value of an ok envelope', async () => {
    const fake = fakeTransport(() => ({ ok: true, value: [project(1)] }));
    const client = createClient(fake.transport);
    await expect(client.invoke('projects.list')).resolves.toEqual([project(1)]);
    expect(fake.calls).toEqual([{ channel: 'projects.list', input: undefined }]);
  });

  it('throws a ClientError carrying code, message and field', async () => {
    const client = createClient(
      fakeTransport(() => ({
        ok: false,
        error: { code: 'VALIDATION_FAILED', message: 'title: must not be empty', field: 'title' },
      })).transport,
    );
    const error = await client
      .invoke('tasks.create', { projectId: project(1).id, title: '' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ClientError);
    expect(error).toMatchObject({
      code: 'VALIDATION_FAILED',
      field: 'title',
      message: 'title: must not be empty',
    });
  });

  it('delivers valid events and drops malformed ones', () => {
    const fake = fakeTransport(() => ({ ok: true, value: null }));
    const client = createClient(fake.transport);
    const seen: unknown[] = [];
    client.on('task.changed', (payload) => seen.push(payload.taskId));
    fake.emit('task.changed', { taskId: task(1).id, task: task(1) });
    fake.emit('task.changed', { taskId: task(2).id, task: null });
    fake.emit('task.changed', { taskId: 42 });
    expect(seen).toEqual([task(1).id, task(2).id]);
  });

  it('recognises envelopes by their outer shape', () => {
    expect(isEnvelope({ ok: true, value: null })).toBe(true);
    expect(isEnvelope({ ok: false, error: { code: 'INTERNAL', message: 'x' } })).toBe(true);
    expect(isEnvelope({ ok: false, error: null })).toBe(false);
    expect(isEnvelope({ ok: true })).toBe(false);
    expect(isEnvelope('ok')).toBe(false);
  });
});
