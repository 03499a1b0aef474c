/**
 * The kinds of readable entries an agent's output becomes (agents/*\/events.ts write them, the
 * run view shows them). Run output stores them, so a kind once written stays readable.
 */
export const AGENT_ENTRY_KINDS = [
  'message',
  'reasoning',
  'command',
  'file-change',
  'tool-call',
  'error',
  'status',
  /** What the agent used (tokens, cost) as it reported it; the entry's `usage` holds the figures. */
  'usage',
  /** The outcome of an earlier command or tool call with the same `callId`. */
  'call-result',
] as const;
export type AgentEntryKind = (typeof AGENT_ENTRY_KINDS)[number];
