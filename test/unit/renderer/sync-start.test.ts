import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Envelope } from '@shared/contract/errors';
import { installClient } from '@renderer/api';
import { createClient } from '@renderer/api/client';
import type { Transport } from '@renderer/api/transport';
import { startSync } from '@renderer/stores/sync';

/** A transport that answers every call with an error and counts the list reads. */
function fakeTransport() {
  const reads: string[] = [];
  const missed: (() => void)[] = [];
  const transport: Transport = {
    async invoke(channel, input) {
      // One read of the tasks is two calls, one per end of the list: counted once.
      if (channel === 'tasks.list' && (input as { order?: string }).order !== 'oldest') reads.push(channel);
      return { ok: false, error: { code: 'INTERNAL', message: 'not in this test' } } as Envelope<unknown>;
    },
    on: () => () => {},
    onEventsMissed: (listener) => {
      missed.push(listener);
      return () => {};
    },
  };
  return { transport, reads, miss: () => missed.forEach((listener) => listener()) };
}

describe('the first load', () => {
  let stop: (() => void) | null = null;

  beforeEach(() => {
    vi.useFakeTimers();
  });

  afterEach(() => {
    stop?.();
    stop = null;
    vi.useRealTimers();
  });

  it('reads the lists at once, without waiting for the event stream', async () => {
    const fake = fakeTransport();
    installClient(createClient(fake.transport));
    stop = startSync();
    await vi.advanceTimersByTimeAsync(0);
    expect(fake.reads).toEqual(['tasks.list']);
  });

  it('reads everything again whenever the transport says events may have been missed', async () => {
    const fake = fakeTransport();
    installClient(createClient(fake.transport));
    stop = startSync();
    await vi.advanceTimersByTimeAsync(0);
    fake.miss();
    await vi.advanceTimersByTimeAsync(10);
    expect(fake.reads).toEqual(['tasks.list', 'tasks.list']);
  });
});
