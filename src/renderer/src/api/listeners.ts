/** A tiny set of listeners keyed by name; each listener's failure is isolated from the others. */
export class ListenerMap<T> {
  private readonly byName = new Map<string, Set<(value: T) => void>>();

  add(name: string, listener: (value: T) => void): () => void {
    let set = this.byName.get(name);
    if (!set) {
      set = new Set();
      this.byName.set(name, set);
    }
    set.add(listener);
    return () => {
      set.delete(listener);
    };
  }

  emit(name: string, value: T): void {
    const set = this.byName.get(name);
    if (!set) return;
    for (const listener of [...set]) {
      try {
        listener(value);
      } catch (error) {
        console.error(`listener for ${name} failed`, error);
      }
    }
  }
}
