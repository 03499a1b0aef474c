import { z } from 'zod';
import { decodeEventLine, unexpectedShape, type EventRecord } from '../event-line';
import { clip, outputTail } from '../text';
import type { LiveEntry } from '../types';
import { toolUseEntry } from './tools';

// Shapes of `claude -p --output-format stream-json --verbose` lines. Unknown fields are ignored.
const contentBlock = z.looseObject({ type: z.string() });
const message = z.object({ content: z.union([z.string(), z.array(contentBlock)]) });
const assistantEvent = z.object({ message });
const userEvent = z.object({
  message,
  tool_use_result: z.unknown().optional(),
});
const resultEvent = z.object({
  subtype: z.string(),
  is_error: z.boolean().default(false),
  result: z.string().optional(),
  num_turns: z.number().optional(),
  total_cost_usd: z.number().optional(),
  duration_ms: z.number().optional(),
  errors: z.array(z.string()).optional(),
});

/** The line itself when it is Claude Code's final `result` event (parsed, not pattern-matched). */
export function claudeResultEvent(line: string): string | null {
  const decoded = decodeEventLine(line);
  return 'event' in decoded && decoded.event.type === 'result' ? line.trim() : null;
}

export function parseClaudeEventLine(line: string): LiveEntry[] {
  const decoded = decodeEventLine(line);
  if ('entries' in decoded) return decoded.entries;
  const event = decoded.event;
  switch (event.type) {
    case 'system':
      return event.subtype === 'init' ? [initEntry(event)] : [];
    case 'assistant': {
      const parsed = assistantEvent.safeParse(event);
      return parsed.success
        ? blocks(parsed.data.message.content).flatMap(assistantBlock)
        : [unexpectedShape('Claude Code message', event)];
    }
    case 'user': {
      const parsed = userEvent.safeParse(event);
      if (!parsed.success) return [unexpectedShape('Claude Code tool result', event)];
      return blocks(parsed.data.message.content).flatMap((block) =>
        toolResult(block, parsed.data.tool_use_result),
      );
    }
    case 'result': {
      const parsed = resultEvent.safeParse(event);
      return parsed.success ? [resultEntry(parsed.data)] : [unexpectedShape('Claude Code result', event)];
    }
    default:
      return [];
  }
}

type Block = z.infer<typeof contentBlock>;

function blocks(content: string | Block[]): Block[] {
  return typeof content === 'string' ? [{ type: 'text', text: content }] : content;
}

function initEntry(event: EventRecord): LiveEntry {
  const model = typeof event.model === 'string' ? ` (${event.model})` : '';
  const entry: LiveEntry = { kind: 'status', text: `Claude Code session started${model}` };
  if (typeof event.session_id === 'string') entry.detail = event.session_id;
  return entry;
}

function assistantBlock(block: Block): LiveEntry[] {
  switch (block.type) {
    case 'text':
      return typeof block.text === 'string' && block.text.trim() !== ''
        ? [{ kind: 'message', text: block.text }]
        : [];
    case 'thinking':
      return typeof block.thinking === 'string' && block.thinking.trim() !== ''
        ? [{ kind: 'reasoning', text: block.thinking }]
        : [];
    case 'tool_use':
      return [toolUseEntry(block)];
    default:
      return [];
  }
}

/**
 * Failed tool calls are shown with their output. Of successful ones only a shell command's output
 * is (its command was shown with the tool call); file reads and the like would only be noise.
 */
function toolResult(block: Block, toolUseResult: unknown): LiveEntry[] {
  if (block.type !== 'tool_result') return [];
  const output = resultText(block.content);
  if (block.is_error === true) {
    const entry: LiveEntry = { kind: 'error', text: 'A tool call failed' };
    const tail = outputTail(output);
    if (tail !== '') entry.detail = tail;
    return [entry];
  }
  if (!isShellResult(toolUseResult)) return [];
  const tail = outputTail(output);
  return tail === '' ? [] : [{ kind: 'status', text: 'Command output', detail: tail }];
}

function isShellResult(value: unknown): boolean {
  return typeof value === 'object' && value !== null && typeof (value as EventRecord).stdout === 'string';
}

/** tool_result content is a string or a list of text (and image) blocks. */
function resultText(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  return content
    .map((part: unknown) =>
      typeof part === 'object' && part !== null && typeof (part as EventRecord).text === 'string'
        ? String((part as EventRecord).text)
        : '',
    )
    .filter((text) => text !== '')
    .join('\n');
}

function resultEntry(result: z.infer<typeof resultEvent>): LiveEntry {
  const facts = [
    result.num_turns === undefined ? '' : `${result.num_turns} turns`,
    result.duration_ms === undefined ? '' : `${(result.duration_ms / 1000).toFixed(1)} s`,
    result.total_cost_usd === undefined ? '' : `$${result.total_cost_usd.toFixed(4)}`,
  ].filter((fact) => fact !== '');
  if (result.is_error || result.subtype !== 'success') {
    const detail = [result.result ?? '', ...(result.errors ?? [])].filter((text) => text !== '').join('\n');
    const entry: LiveEntry = {
      kind: 'error',
      text: `Claude Code stopped: ${result.subtype.replace(/_/g, ' ')}`,
    };
    if (detail !== '') entry.detail = clip(detail, 2000);
    return entry;
  }
  const entry: LiveEntry = { kind: 'status', text: 'Claude Code finished' };
  if (facts.length > 0) entry.detail = facts.join(', ');
  return entry;
}
