import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Envelope } from '@shared/contract/errors';
import { installClient } from '@renderer/api';
import { createClient } from '@renderer/api/client';
import type { Transport } from '@renderer/api/transport';
import { startSync } from '@renderer/stores/sync';

/** A transport that answers every call with an error and counts the list reads. */
function fakeTransport(loadsAfterStreamOpens: boolean) {
  const reads: string[] = [];
  const opens: (() => void)[] = [];
  const transport: Transport = {
    async invoke(channel) {
      if (channel === 'tasks.list') reads.push(channel);
      return { ok: false, error: { code: 'INTERNAL', message: 'not in this test' } } as Envelope<unknown>;
    },
    on: () => () => {},
    onStreamOpen: (listener) => {
      opens.push(listener);
      return () => {};
    },
    ...(loadsAfterStreamOpens ? { loadsAfterStreamOpens: true } : {}),
  };
  return { transport, reads, open: () => opens.forEach((listener) => listener()) };
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

  it('waits for the event stream to open, then reads the lists once (not again at the open)', async () => {
    const fake = fakeTransport(true);
    installClient(createClient(fake.transport));
    stop = startSync();
    await vi.advanceTimersByTimeAsync(10);
    expect(fake.reads).toEqual([]);
    fake.open();
    await vi.advanceTimersByTimeAsync(5000);
    expect(fake.reads).toEqual(['tasks.list']);
    // Every later open reloads: events sent while the stream was down are gone.
    fake.open();
    await vi.advanceTimersByTimeAsync(10);
    expect(fake.reads).toEqual(['tasks.list', 'tasks.list']);
  });

  it('reads the lists anyway when the stream does not open soon (so an unreachable host says so)', async () => {
    const fake = fakeTransport(true);
    installClient(createClient(fake.transport));
    stop = startSync();
    await vi.advanceTimersByTimeAsync(1000);
    expect(fake.reads).toEqual([]);
    await vi.advanceTimersByTimeAsync(1500);
    expect(fake.reads).toEqual(['tasks.list']);
  });

  it('reads the lists at once where no event is ever dropped (the desktop window)', async () => {
    const fake = fakeTransport(false);
    installClient(createClient(fake.transport));
    stop = startSync();
    await vi.advanceTimersByTimeAsync(0);
    expect(fake.reads).toEqual(['tasks.list']);
  });
});
