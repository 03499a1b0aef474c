import type { RunEvent } from '@shared/contract';

/**
 * How many entries a run's output shows for its stored events: the events of one command or
 * tool call (sharing its call id: its start, its end) are one entry, and a tool call's end with
 * nothing to say (no output, no failure) whose start is not at hand is not shown.
 */
export function shownEntryCount(events: readonly RunEvent[]): number {
  const calls = new Set<string>();
  let count = 0;
  for (const event of events) {
    const callId = event.kind === 'agent' ? event.data.callId : undefined;
    if (typeof callId === 'string') {
      if (calls.has(callId)) continue;
      calls.add(callId);
      const bare =
        event.data.kind === 'call-result' &&
        event.data.failed !== true &&
        !event.data.detail &&
        !event.data.exitCode;
      if (bare) continue;
    }
    count += 1;
  }
  return count;
}
