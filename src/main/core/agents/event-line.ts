import { clip } from './text';
import type { LiveEntry } from './types';

export type EventRecord = Record<string, unknown>;

/**
 * Decodes one events.jsonl line. A line that is not a JSON object becomes an 'error' entry
 * holding the raw text, so nothing the agent printed is silently dropped; blank lines are [].
 */
export function decodeEventLine(line: string): { event: EventRecord } | { entries: LiveEntry[] } {
  const text = line.trim();
  if (text === '') return { entries: [] };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { entries: [unreadable(text)] };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return { entries: [unreadable(text)] };
  return { event: value as EventRecord };
}

function unreadable(text: string): LiveEntry {
  return {
    kind: 'error',
    text: 'The agent printed a line that is not a JSON event',
    detail: clip(text, 2000),
  };
}

/** An entry for a known event whose shape did not match what the adapter expects. */
export function unexpectedShape(what: string, raw: EventRecord): LiveEntry {
  return { kind: 'status', text: `Unrecognised ${what}`, detail: clip(JSON.stringify(raw), 2000) };
}

/** A checklist as text lines, for plan/todo updates. */
export function checklist(items: { text: string; done: boolean }[]): LiveEntry {
  const done = items.filter((item) => item.done).length;
  return {
    kind: 'status',
    text: `Plan: ${done} of ${items.length} steps done`,
    detail: items.map((item) => `${item.done ? '[x]' : '[ ]'} ${item.text}`).join('\n'),
  };
}

/**
 * When the agent says it wrote the event: its `timestamp` field as ISO 8601, when it has a
 * readable one. Neither agent's current stream format carries one; the field is honoured in case
 * a version does, and everything else is stamped with the runner's file time.
 */
export function eventTime(event: EventRecord): string | undefined {
  const value = event.timestamp;
  if (typeof value !== 'string') return undefined;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : new Date(ms).toISOString();
}

/** The entries of one event, stamped with the event's own time when it has one. */
export function stamped(event: EventRecord, entries: LiveEntry[]): LiveEntry[] {
  const at = eventTime(event);
  return at === undefined ? entries : entries.map((entry) => ({ ...entry, at }));
}
