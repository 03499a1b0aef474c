import { TASK_PRIORITIES, type TaskPriority } from '@shared/domain/task';
import { MAX_ITERATIONS, MIN_ITERATIONS } from '@shared/domain/iterate';
import { AppError } from '../errors';

export interface ParsedCapture {
  projectWord: string;
  priority: TaskPriority;
  title: string;
  /** `--iterate N --eval <command>` at the end: run until the command passes. */
  iterate: { maxIterations: number; evalCommand: string } | null;
}

const PRIORITY_KEYWORDS = new Set(['prio', 'priority']);

/** `--iterate N` and `--eval <command>` (the command is the rest of the note), anywhere after the title. */
const ITERATE_SUFFIX = /(?:^|\s)--(iterate|eval)(?=\s|$)/u;

/**
 * Reads a one-line note `<project or alias> [prio high|medium|low] <what to do>
 * [--iterate N --eval <command>]`, e.g. `api prio high fix the login timeout --iterate 3 --eval
 * npm test`. Whitespace of any kind separates words; the title keeps the user's words as typed
 * (single-spaced); the eval command is the rest of the note after `--eval`, as typed. Errors
 * name what is wrong.
 */
export function parseCapture(note: string): ParsedCapture {
  const suffix = ITERATE_SUFFIX.exec(note);
  const iterate = suffix ? parseIterate(note.slice(suffix.index)) : null;
  const words = (suffix ? note.slice(0, suffix.index) : note).trim().split(/\s+/u).filter(Boolean);
  if (words.length === 0) {
    throw new AppError(
      'VALIDATION_FAILED',
      'note: write a project, then what to do, e.g. "api fix the login timeout"',
      'note',
    );
  }
  const [projectWord, ...rest] = words as [string, ...string[]];
  let priority: TaskPriority = 'medium';
  let titleWords = rest;
  if (rest.length > 0 && PRIORITY_KEYWORDS.has(rest[0]!.toLowerCase())) {
    const level = rest[1]?.toLowerCase();
    if (!level || !(TASK_PRIORITIES as readonly string[]).includes(level)) {
      throw new AppError(
        'VALIDATION_FAILED',
        `note: "${rest[0]}" must be followed by high, medium or low${rest[1] ? `, not "${rest[1]}"` : ''}`,
        'note',
      );
    }
    priority = level as TaskPriority;
    titleWords = rest.slice(2);
  }
  if (titleWords.length === 0) {
    throw new AppError(
      'VALIDATION_FAILED',
      `note: say what to do after "${words.slice(0, rest.length - titleWords.length + 1).join(' ')}"`,
      'note',
    );
  }
  return { projectWord, priority, title: titleWords.join(' '), iterate };
}

/** `--iterate N --eval <command>` in either order; the command runs to the end of the note. */
function parseIterate(text: string): ParsedCapture['iterate'] {
  const fail = (message: string) => new AppError('VALIDATION_FAILED', `note: ${message}`, 'note');
  const evalAt = /(?:^|\s)--eval(?=\s|$)/u.exec(text);
  const iterateMatch = /(?:^|\s)--iterate(?:\s+(\S+))?/u.exec(evalAt ? text.slice(0, evalAt.index) : text);
  if (!iterateMatch) throw fail('--eval needs --iterate N before it (how many iterations at most)');
  if (!evalAt) throw fail('--iterate needs --eval <command> after it (what must pass)');
  const count = iterateMatch[1] ?? '';
  if (!/^\d+$/.test(count) || Number(count) < MIN_ITERATIONS || Number(count) > MAX_ITERATIONS) {
    throw fail(
      `--iterate must be followed by a number from ${MIN_ITERATIONS} to ${MAX_ITERATIONS}${count ? `, not "${count}"` : ''}`,
    );
  }
  const evalCommand = text.slice(evalAt.index + evalAt[0].length).trim();
  if (evalCommand === '') throw fail('--eval must be followed by the command to run, e.g. --eval npm test');
  return { maxIterations: Number(count), evalCommand };
}
