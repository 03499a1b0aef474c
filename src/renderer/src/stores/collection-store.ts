import { create, type StoreApi } from 'zustand';
import {
  applyChange,
  applyChanges,
  beginLoad,
  emptyCollection,
  failLoad,
  finishLoad,
  removeWhere,
  type Collection,
  type Entity,
} from './collection';

/** Applies several changes to a collection's store, in order, in one update (one render). */
export function applyChangesTo<T extends Entity>(
  store: StoreApi<Collection<T>>,
  changes: readonly (readonly [id: string, entity: T | null])[],
): void {
  if (changes.length > 0) store.setState((c) => applyChanges(c, changes), true);
}

/** A zustand store holding one Collection, with the few actions every collection needs. */
export function createCollectionStore<T extends Entity>() {
  const useStore = create<Collection<T>>()(() => emptyCollection<T>());

  async function load(fetchAll: () => Promise<readonly T[]>): Promise<void> {
    let seq = 0;
    useStore.setState((c) => {
      const next = beginLoad(c);
      seq = next.loadSeq;
      return next;
    }, true);
    try {
      const list = await fetchAll();
      useStore.setState((c) => finishLoad(c, seq, list), true);
    } catch (error) {
      useStore.setState((c) => failLoad(c, seq), true);
      throw error;
    }
  }

  function apply(id: string, entity: T | null): void {
    useStore.setState((c) => applyChange(c, id, entity), true);
  }

  /** Applies the entity a call to the core replies with, without waiting for its event, and returns it. */
  async function applyReply(reply: Promise<T>): Promise<T> {
    const entity = await reply;
    apply(entity.id, entity);
    return entity;
  }

  function drop(predicate: (item: T) => boolean): void {
    useStore.setState((c) => removeWhere(c, predicate), true);
  }

  return { useStore, load, apply, applyReply, drop };
}
