import type { AgentAdapter } from '../../agents';
import type { EventBus } from '../../events';
import type { Repositories } from '../../repositories';

/** Stored agent output per run is capped; older entries are dropped first. */
export const OUTPUT_CAP_BYTES = 5 * 1024 * 1024;

/**
 * Stores the complete lines of a chunk of events.jsonl read from `offset`, parsed by the run's
 * agent adapter, and advances the offset past exactly those bytes (an incomplete last line is
 * read again next time). A result event among the lines (agents whose result comes in the
 * stream) is kept as the run's result, and the latest usage report as the run's usage. Each
 * entry is stamped with the agent's own time when its event has one, else with `writtenAt`
 * (when the runner last wrote the file), so output read late, after a network loss, keeps the
 * time it was written rather than the time it arrived; only without either is it stamped now.
 * Returns whether the chunk held everything there was to read, and that result event.
 */
export function ingestOutput(
  deps: { repos: Pick<Repositories, 'runEvents' | 'dispatches'>; bus: EventBus },
  dispatchId: string,
  adapter: Pick<AgentAdapter, 'parseEventLine' | 'resultFromEventLine'>,
  offset: number,
  chunk: Buffer,
  chunkLimit: number,
  writtenAt: string | null = null,
): { drained: boolean; result: string | null } {
  let end = chunk.lastIndexOf(0x0a) + 1;
  // A single line longer than a whole chunk is taken as it is rather than waited on forever.
  if (end === 0 && chunk.length >= chunkLimit) end = chunk.length;
  if (end === 0) return { drained: chunk.length < chunkLimit, result: null };
  const lines = chunk
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
  const events = deps.repos.runEvents.appendOutput(dispatchId, entries, offset + end, OUTPUT_CAP_BYTES);
  if (events.length > 0) deps.bus.publish('run.output', { dispatchId, entries: events });
  // Usage is part of the run: every window hears of the new figures.
  const updated = usage ? deps.repos.dispatches.get(dispatchId) : null;
  if (updated) deps.bus.publish('dispatch.updated', { dispatch: updated });
  return { drained: chunk.length < chunkLimit, result };
}
