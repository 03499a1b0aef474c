import { z } from 'zod';
import { decodeEventLine, stamped, unexpectedShape, type EventRecord } from '../event-line';
import { isFinalAnswer } from '../result';
import { clip, outputTail } from '../text';
import type { LiveEntry } from '../types';
import { claudeResultUsage } from '../usage';
import { toolUseEntries } from './tools';

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
  return stamped(decoded.event, eventEntries(decoded.event));
}

function eventEntries(event: EventRecord): LiveEntry[] {
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
      return parsed.success
        ? resultEntries(parsed.data, event)
        : [unexpectedShape('Claude Code result', event)];
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
      // A final message that is the result JSON is shown as the run's result, not as a message.
      return typeof block.text === 'string' && block.text.trim() !== '' && !isFinalAnswer(block.text)
        ? [{ kind: 'message', text: block.text }]
        : [];
    case 'thinking':
      return typeof block.thinking === 'string' && block.thinking.trim() !== ''
        ? [{ kind: 'reasoning', text: block.thinking }]
        : [];
    case 'tool_use':
      return toolUseEntries(block);
    default:
      return [];
  }
}

/**
 * A tool's result, tied to its call by the call's id: a shell command's output and exit code, a
 * failed call's error. A successful call of another tool says only that it ended (its output,
 * a file read and the like, would be noise).
 */
function toolResult(block: Block, toolUseResult: unknown): LiveEntry[] {
  if (block.type !== 'tool_result') return [];
  const entry: LiveEntry = {
    kind: 'call-result',
    text: block.is_error === true ? 'The call failed' : 'The call ended',
  };
  if (typeof block.tool_use_id === 'string') entry.callId = block.tool_use_id;
  const output = resultText(block.content);
  if (block.is_error === true) {
    // Claude Code's Bash reports a non-zero exit as an error whose text starts "Exit code N".
    const exit = /^(?:Error: )?Exit code (\d+)\n?/.exec(output);
    if (exit) entry.exitCode = Number(exit[1]);
    else entry.failed = true;
    const tail = outputTail(exit ? output.slice(exit[0].length) : output);
    if (tail !== '') entry.detail = tail;
    return [entry];
  }
  if (isShellResult(toolUseResult)) {
    entry.exitCode = 0;
    const tail = outputTail(output);
    if (tail !== '') entry.detail = tail;
  }
  return [entry];
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

function resultEntries(result: z.infer<typeof resultEvent>, raw: EventRecord): LiveEntry[] {
  const usage = claudeResultUsage(raw);
  const entries: LiveEntry[] = [];
  if (result.is_error || result.subtype !== 'success') {
    const detail = [result.result ?? '', ...(result.errors ?? [])].filter((text) => text !== '').join('\n');
    const entry: LiveEntry = {
      kind: 'error',
      text: `Claude Code stopped: ${result.subtype.replace(/_/g, ' ')}`,
    };
    if (detail !== '') entry.detail = clip(detail, 2000);
    entries.push(entry);
    if (usage) entries.push({ kind: 'usage', text: 'Claude Code used', usage });
    return entries;
  }
  if (usage) return [{ kind: 'usage', text: 'Claude Code finished', usage }];
  return [{ kind: 'status', text: 'Claude Code finished' }];
}
