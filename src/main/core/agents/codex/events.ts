import { z } from 'zod';
import { checklist, decodeEventLine, stamped, unexpectedShape, type EventRecord } from '../event-line';
import { isFinalAnswer } from '../result';
import { commandAsMeant } from '../shell-command';
import { clip, outputTail } from '../text';
import type { LiveEntry } from '../types';
import { codexTurnUsage } from '../usage';

// Shapes of `codex exec --json` events (codex-cli 0.4x). Unknown fields are ignored.
const agentMessage = z.object({ type: z.literal('agent_message'), text: z.string() });
const itemId = z.object({ id: z.string() });
const reasoning = z.object({ type: z.literal('reasoning'), text: z.string() });
const commandExecution = z.object({
  type: z.literal('command_execution'),
  command: z.string(),
  aggregated_output: z.string().default(''),
  exit_code: z.number().int().nullable().optional(),
  status: z.string().optional(),
});
const fileChange = z.object({
  type: z.literal('file_change'),
  changes: z.array(z.object({ path: z.string(), kind: z.string() })),
  status: z.string().optional(),
});
const mcpToolCall = z.object({
  type: z.literal('mcp_tool_call'),
  server: z.string(),
  tool: z.string(),
  status: z.string().optional(),
  error: z.object({ message: z.string() }).nullable().optional(),
});
const webSearch = z.object({ type: z.literal('web_search'), query: z.string() });
const todoList = z.object({
  type: z.literal('todo_list'),
  items: z.array(z.object({ text: z.string(), completed: z.boolean() })),
});
const errorItem = z.object({ type: z.literal('error'), message: z.string() });

const item = z.discriminatedUnion('type', [
  agentMessage,
  reasoning,
  commandExecution,
  fileChange,
  mcpToolCall,
  webSearch,
  todoList,
  errorItem,
]);
type Item = z.infer<typeof item>;

const KNOWN_ITEM_TYPES: ReadonlySet<string> = new Set<string>(
  item.options.map((option) => option.shape.type.value),
);

export function parseCodexEventLine(line: string): LiveEntry[] {
  const decoded = decodeEventLine(line);
  if ('entries' in decoded) return decoded.entries;
  return stamped(decoded.event, eventEntries(decoded.event));
}

function eventEntries(event: EventRecord): LiveEntry[] {
  switch (event.type) {
    case 'thread.started':
      return [
        {
          kind: 'status',
          text: 'Codex session started',
          detail: typeof event.thread_id === 'string' ? event.thread_id : '',
        },
      ];
    case 'turn.completed': {
      const usage = codexTurnUsage(event.usage);
      return usage
        ? [{ kind: 'usage', text: 'Codex finished its turn', usage }]
        : [{ kind: 'status', text: 'Codex finished its turn' }];
    }
    case 'turn.failed':
      return [{ kind: 'error', text: `Codex turn failed: ${messageOf(event.error)}` }];
    case 'error':
      return [{ kind: 'error', text: `Codex error: ${messageOf(event)}` }];
    case 'item.started':
    case 'item.updated':
    case 'item.completed':
      return itemEntries(event.type, event);
    default:
      return [];
  }
}

function itemEntries(phase: string, event: EventRecord): LiveEntry[] {
  const raw = event.item;
  const type = typeof raw === 'object' && raw !== null ? (raw as EventRecord).type : undefined;
  if (typeof type !== 'string') return [unexpectedShape(`Codex ${phase} event`, event)];
  if (!KNOWN_ITEM_TYPES.has(type)) {
    return phase === 'item.completed' ? [{ kind: 'status', text: `Codex ${type.replace(/_/g, ' ')}` }] : [];
  }
  const parsed = item.safeParse(raw);
  if (!parsed.success) return [unexpectedShape(`Codex ${type} item`, event)];
  // The plan is worth showing as it changes; everything else once, when it is complete.
  if (parsed.data.type === 'todo_list') {
    return phase === 'item.completed' ? [] : [todoEntry(parsed.data)];
  }
  const id = itemId.safeParse(raw);
  const callId = id.success ? id.data.id : undefined;
  // A command is shown when it starts; its end (output, exit code) completes that entry.
  if (parsed.data.type === 'command_execution') {
    if (phase === 'item.started') return [commandStarted(parsed.data, callId)];
    return phase === 'item.completed' ? [commandEntry(parsed.data, callId)] : [];
  }
  return phase === 'item.completed' ? completedEntries(parsed.data) : [];
}

function completedEntries(data: Exclude<Item, { type: 'todo_list' | 'command_execution' }>): LiveEntry[] {
  switch (data.type) {
    case 'agent_message':
      // The last message is the result JSON (--output-schema): the run's result shows it.
      return data.text.trim() === '' || isFinalAnswer(data.text)
        ? []
        : [{ kind: 'message', text: data.text }];
    case 'reasoning':
      return data.text.trim() === '' ? [] : [{ kind: 'reasoning', text: data.text }];
    case 'file_change':
      return [fileChangeEntry(data)];
    case 'mcp_tool_call': {
      const failed = data.status === 'failed';
      const entry: LiveEntry = {
        kind: 'tool-call',
        text: `${data.server}.${data.tool}${failed ? ' (failed)' : ''}`,
      };
      if (data.error) entry.detail = data.error.message;
      return [entry];
    }
    case 'web_search':
      return [{ kind: 'tool-call', text: `Web search: ${clip(data.query)}` }];
    case 'error':
      return [{ kind: 'error', text: data.message }];
  }
}

function commandStarted(data: z.infer<typeof commandExecution>, callId: string | undefined): LiveEntry {
  const entry: LiveEntry = { kind: 'command', text: commandAsMeant(data.command) };
  if (callId !== undefined) entry.callId = callId;
  return entry;
}

function commandEntry(data: z.infer<typeof commandExecution>, callId: string | undefined): LiveEntry {
  const entry = commandStarted(data, callId);
  const tail = outputTail(data.aggregated_output);
  if (tail !== '') entry.detail = tail;
  if (typeof data.exit_code === 'number') entry.exitCode = data.exit_code;
  else if (data.status === 'failed' || data.status === 'declined') entry.failed = true;
  return entry;
}

function fileChangeEntry(data: z.infer<typeof fileChange>): LiveEntry {
  const lines = data.changes.map((change) => `${change.kind} ${change.path}`);
  const failed = data.status === 'failed';
  const summary =
    lines.length <= 3 ? lines.join(', ') : `${lines.slice(0, 3).join(', ')} and ${lines.length - 3} more`;
  const entry: LiveEntry = {
    kind: 'file-change',
    text: `${failed ? 'Patch failed: ' : ''}${summary || 'no files'}`,
    files: data.changes.map((change) => ({ path: change.path, change: change.kind })),
  };
  if (failed) entry.failed = true;
  return entry;
}

function todoEntry(data: z.infer<typeof todoList>): LiveEntry {
  return checklist(data.items.map((entry) => ({ text: entry.text, done: entry.completed })));
}

function messageOf(value: unknown): string {
  if (typeof value === 'object' && value !== null) {
    const message = (value as EventRecord).message;
    if (typeof message === 'string') return clip(message, 2000);
  }
  return 'no message';
}
