import type { AgentAdapter } from '../../agents';
import type { EventBus } from '../../events';
import type { Repositories } from '../../repositories';

/** Stored agent output per run is capped; older entries are dropped first. */
export const OUTPUT_CAP_BYTES = 5 * 1024 * 1024;

/** What ingesting a chunk did. */
export interface Ingested {
  /** The chunk held everything there was to read (it was shorter than the chunk limit). */
  drained: boolean;
  /** A result event among the lines applied. */
  result: string | null;
  /** The stored offset afterwards; null when the run is gone. */
  storedOffset: number | null;
}

/**
 * Stores the complete lines of a chunk of events.jsonl read from `offset`, parsed by the run's
 * agent adapter, and advances the offset past exactly those bytes (an incomplete last line is
 * read again next time). Output reaches the core twice (pushed by the follower, read by the poll),
 * so only the part of a chunk from the stored offset on is applied: bytes before it are stored
 * already, and a chunk that starts after it is not applied at all (what lies between has not
 * arrived; it is read again from the stored offset). So nothing is applied twice or skipped.
 * A result event among the lines (agents whose result comes in the
 * stream) is kept as the run's result, and the latest usage report as the run's usage. Each
 * entry is stamped with the agent's own time when its event has one, else with `writtenAt`
 * (when the runner last wrote the file), so output read late, after a network loss, keeps the
 * time it was written rather than the time it arrived; only without either is it stamped now.
 */
export function ingestOutput(
  deps: { repos: Pick<Repositories, 'runEvents' | 'dispatches'>; bus: EventBus },
  dispatchId: string,
  adapter: Pick<AgentAdapter, 'parseEventLine' | 'resultFromEventLine'>,
  offset: number,
  chunk: Buffer,
  chunkLimit: number,
  writtenAt: string | null = null,
): Ingested {
  const stored = deps.repos.dispatches.getOutputOffset(dispatchId);
  const drained = chunk.length < chunkLimit;
  if (stored === null) return { drained: true, result: null, storedOffset: null };
  if (stored < offset) return { drained: false, result: null, storedOffset: stored };
  if (stored >= offset + chunk.length) return { drained, result: null, storedOffset: stored };
  const fresh = chunk.subarray(stored - offset);
  let end = fresh.lastIndexOf(0x0a) + 1;
  // A single line longer than a whole chunk is taken as it is rather than waited on forever.
  if (end === 0 && fresh.length >= chunkLimit) end = fresh.length;
  if (end === 0) return { drained, result: null, storedOffset: stored };
  const lines = fresh
    .subarray(0, end)
    .toString('utf8')
    .split('\n')
    .filter((line) => line.trim() !== '');
  let result: string | null = null;
  for (const line of lines) result = adapter.resultFromEventLine(line) ?? result;
  // Kept before the offset moves past it, so a crash in between reads it again, never loses it.
  if (result !== null) deps.repos.dispatches.setAgentResult(dispatchId, result);
  const parsed = lines.flatMap((line) => adapter.parseEventLine(line));
  const usage = parsed.findLast((entry) => entry.usage !== undefined)?.usage;
  if (usage) deps.repos.dispatches.setUsage(dispatchId, usage);
  const entries = parsed.map(({ at, ...entry }) => {
    const stamp = at ?? writtenAt;
    return { kind: 'agent' as const, data: { ...entry }, ...(stamp === null ? {} : { at: stamp }) };
  });
  const events = deps.repos.runEvents.appendOutput(dispatchId, entries, stored + end, OUTPUT_CAP_BYTES);
  if (events.length > 0) deps.bus.publish('run.output', { dispatchId, entries: events });
  // Usage is part of the run: every window hears of the new figures.
  const updated = usage ? deps.repos.dispatches.get(dispatchId) : null;
  if (updated) deps.bus.publish('dispatch.updated', { dispatch: updated });
  return { drained, result, storedOffset: stored + end };
}

/**
 * The runner skipped the bytes `from`..`to` of a run's events (more than the cap was waiting:
 * only the newest part is read). When `from` is the stored offset, a marker saying how much was
 * skipped is stored and the offset moved to `to`, in one transaction; returns the stored offset
 * afterwards (null when the run is gone).
 */
export function recordSkipped(
  deps: { repos: Pick<Repositories, 'runEvents' | 'dispatches'>; bus: EventBus },
  dispatchId: string,
  from: number,
  to: number,
): number | null {
  const stored = deps.repos.dispatches.getOutputOffset(dispatchId);
  if (stored !== from || to <= from) return stored;
  const skipped = to - from;
  const text = `${skipped.toLocaleString('en-US')} bytes of output skipped: only the newest ${OUTPUT_CAP_BYTES / (1024 * 1024)} MB of a run's output is kept.`;
  const events = deps.repos.runEvents.appendOutput(
    dispatchId,
    [{ kind: 'trimmed', data: { text, skippedBytes: skipped } }],
    to,
    OUTPUT_CAP_BYTES,
  );
  deps.bus.publish('run.output', { dispatchId, entries: events });
  return to;
}
