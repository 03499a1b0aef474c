import { afterEach, describe, expect, it } from 'vitest';
import type { Envelope } from '@shared/contract/errors';
import { installClient } from '@renderer/api';
import { createClient } from '@renderer/api/client';
import { applyQueueState, loadQueueState, useQueueStateStore } from '@renderer/stores/queue-state';

/** A transport whose `queue.get` answers wait until the test lets each one go. */
function heldAnswers() {
  const waiting: ((paused: boolean) => void)[] = [];
  installClient(
    createClient({
      invoke: () =>
        new Promise<Envelope<unknown>>((resolve) =>
          waiting.push((paused) => resolve({ ok: true, value: { paused } })),
        ),
      on: () => () => {},
      onEventsMissed: () => () => {},
    }),
  );
  return waiting;
}

describe('a value read from the core', () => {
  afterEach(() => useQueueStateStore.setState({ paused: false }));

  it('keeps the newer answer when an older read answers last', async () => {
    const waiting = heldAnswers();
    const first = loadQueueState();
    const second = loadQueueState();
    // The second read sees the queue paused; the first, made before, answers after it.
    waiting[1]!(true);
    await second;
    waiting[0]!(false);
    await first;
    expect(useQueueStateStore.getState().paused).toBe(true);
  });

  it('keeps an event that came while a read was out', async () => {
    const waiting = heldAnswers();
    const read = loadQueueState();
    applyQueueState({ paused: true });
    waiting[0]!(false);
    await read;
    expect(useQueueStateStore.getState().paused).toBe(true);
  });
});
