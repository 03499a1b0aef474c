import { checklist, type EventRecord } from '../event-line';
import { clip } from '../text';
import type { LiveEntry } from '../types';

const FILE_TOOLS: Record<string, { verb: string; pathKey: string }> = {
  Edit: { verb: 'edit', pathKey: 'file_path' },
  MultiEdit: { verb: 'edit', pathKey: 'file_path' },
  Write: { verb: 'write', pathKey: 'file_path' },
  NotebookEdit: { verb: 'edit', pathKey: 'notebook_path' },
};

/** Input fields that best say what a tool call is about, in order of preference. */
const SUBJECT_KEYS = ['file_path', 'path', 'pattern', 'url', 'query', 'description', 'prompt'];

/**
 * The tool --json-schema gives Claude Code for its final answer: that answer is the run's
 * result, shown as such, so its call is not repeated in the live view.
 */
const FINAL_ANSWER_TOOL = 'StructuredOutput';

/**
 * A Claude Code tool_use block: Bash is a command (the command itself, not the description the
 * model gave it), file edits a file change, the rest tool calls. Each carries the call's id, so
 * its result (tool_result) completes it.
 */
export function toolUseEntries(block: EventRecord): LiveEntry[] {
  const name = typeof block.name === 'string' ? block.name : 'unknown tool';
  if (name === FINAL_ANSWER_TOOL) return [];
  const entry = toolUseEntry(name, block);
  if (typeof block.id === 'string') entry.callId = block.id;
  return [entry];
}

function toolUseEntry(name: string, block: EventRecord): LiveEntry {
  const input = typeof block.input === 'object' && block.input !== null ? (block.input as EventRecord) : {};
  if (name === 'Bash' && typeof input.command === 'string') {
    return { kind: 'command', text: input.command };
  }
  const fileTool = FILE_TOOLS[name];
  const filePath = fileTool ? input[fileTool.pathKey] : undefined;
  if (fileTool && typeof filePath === 'string') {
    return {
      kind: 'file-change',
      text: `${fileTool.verb} ${filePath}`,
      files: [{ path: filePath, change: fileTool.verb }],
    };
  }
  if (name === 'TodoWrite' && Array.isArray(input.todos)) return todoEntry(input.todos);
  const subject = SUBJECT_KEYS.map((key) => input[key]).find((value) => typeof value === 'string');
  return {
    kind: 'tool-call',
    text: typeof subject === 'string' ? `${name}: ${clip(subject.split('\n', 1)[0] ?? '', 200)}` : name,
    detail: clip(JSON.stringify(input), 2000),
  };
}

function todoEntry(todos: unknown[]): LiveEntry {
  const items = todos.flatMap((todo) => {
    if (typeof todo !== 'object' || todo === null) return [];
    const { content, status } = todo as EventRecord;
    return typeof content === 'string' ? [{ text: content, done: status === 'completed' }] : [];
  });
  return checklist(items);
}
