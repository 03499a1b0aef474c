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

/** Where an iterate clause starts: the word `--iterate`. */
const ITERATE_SUFFIX = /(?:^|\s)--iterate(?=\s|$)/u;

/**
 * Reads a one-line note `<project or alias> [prio high|medium|low] <what to do>
 * [--iterate N --eval <command>]`, e.g. `api prio high fix the login timeout --iterate 3 --eval
 * npm test`. Whitespace of any kind separates words; the title keeps the user's words as typed
 * (single-spaced); the eval command is the rest of the note after `--eval`, as typed. Only the
 * word `--iterate` starts the clause, so a title may mention `--eval`. Errors name what is wrong.
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

/** `--iterate N --eval <command>`: the command runs to the end of the note. */
function parseIterate(text: string): ParsedCapture['iterate'] {
  const fail = (message: string) => new AppError('VALIDATION_FAILED', `note: ${message}`, 'note');
  const clause = /^\s*--iterate(?:\s+(\S+))?(?:\s+(.*))?$/su.exec(text)!;
  const count = clause[1] === '--eval' ? '' : (clause[1] ?? '');
  const rest = clause[1] === '--eval' ? `--eval ${clause[2] ?? ''}` : (clause[2] ?? '');
  const evalAt = /^--eval(?=\s|$)/u.exec(rest);
  if (!evalAt) {
    throw fail(
      '--iterate N must be followed by --eval <command> (what must pass), e.g. --iterate 3 --eval npm test',
    );
  }
  if (!/^\d+$/.test(count) || Number(count) < MIN_ITERATIONS || Number(count) > MAX_ITERATIONS) {
    throw fail(
      `--iterate must be followed by a number from ${MIN_ITERATIONS} to ${MAX_ITERATIONS}${count ? `, not "${count}"` : ''}`,
    );
  }
  const evalCommand = rest.slice(evalAt[0].length).trim();
  if (evalCommand === '') throw fail('--eval must be followed by the command to run, e.g. --eval npm test');
  return { maxIterations: Number(count), evalCommand };
}
