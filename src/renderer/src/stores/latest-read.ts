/**
 * Keeps a value read from the core from being replaced by an older one. Answers to reads made at
 * different times may come in any order, and an event may come while a read is out: a read's
 * answer is applied only if nothing was applied since the read began (a later read, an event).
 * Lists have the same guard in their load sequence (collection.ts); this is for single values.
 */
export interface LatestRead {
  /** A value came from an event or a reply: it is newer than any read still out. */
  applied(): void;
  /** A read begins; pass what this returns to `isCurrent` when its answer comes. */
  begin(): number;
  isCurrent(read: number): boolean;
}

export function createLatestRead(): LatestRead {
  let stamp = 0;
  return {
    applied: () => void stamp++,
    begin: () => ++stamp,
    isCurrent: (read) => read === stamp,
  };
}
