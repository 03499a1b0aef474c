/**
 * Serialises work per key (a task id): two queue, follow-up or cancel calls for the same task
 * never interleave, while calls for different tasks run in parallel.
 */
export interface StartGate {
  run<T>(key: string, work: () => Promise<T>): Promise<T>;
}

export function createStartGate(): StartGate {
  const tails = new Map<string, Promise<unknown>>();
  return {
    run(key, work) {
      const previous = tails.get(key) ?? Promise.resolve();
      const result = previous.then(work, work);
      const tail = result.catch(() => undefined);
      tails.set(key, tail);
      void tail.then(() => {
        if (tails.get(key) === tail) tails.delete(key);
      });
      return result;
    },
  };
}
