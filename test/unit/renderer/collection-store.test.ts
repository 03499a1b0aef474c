import { describe, expect, it } from 'vitest';
import { createCollectionStore } from '@renderer/stores/collection-store';
import type { Task } from '@shared/contract';
import { at, task } from './fixtures';

function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe('collection store', () => {
  it('merges events that arrive while a load is in flight', async () => {
    const store = createCollectionStore<Task>();
    const reply = deferred<Task[]>();
    const loading = store.load(() => reply.promise);
    expect(store.useStore.getState().status).toBe('loading');

    store.apply(task(9).id, task(9));
    store.apply(task(1).id, task(1, { title: 'from event', updatedAt: at(45) }));
    store.apply(task(2).id, null);
    reply.resolve([task(1), task(2), task(3)]);
    await loading;

    const { byId, status } = store.useStore.getState();
    expect(status).toBe('ready');
    expect(Object.keys(byId).sort()).toEqual([task(1).id, task(3).id, task(9).id]);
    expect(byId[task(1).id]?.title).toBe('from event');
  });

  it('keeps a late reply of an older load from overwriting a newer one', async () => {
    const store = createCollectionStore<Task>();
    const first = deferred<Task[]>();
    const second = deferred<Task[]>();
    const a = store.load(() => first.promise);
    const b = store.load(() => second.promise);
    second.resolve([task(2)]);
    await b;
    first.resolve([task(1)]);
    await a;
    expect(Object.keys(store.useStore.getState().byId)).toEqual([task(2).id]);
  });

  it('rethrows a failed load and marks the store', async () => {
    const store = createCollectionStore<Task>();
    await expect(store.load(() => Promise.reject(new Error('down')))).rejects.toThrow('down');
    expect(store.useStore.getState().status).toBe('error');
  });
});
