import { TASK_PRIORITIES, type TaskPriority } from '@shared/domain/task';
import { AppError } from '../errors';

export interface ParsedCapture {
  projectWord: string;
  priority: TaskPriority;
  title: string;
}

const PRIORITY_KEYWORDS = new Set(['prio', 'priority']);

/**
 * Reads a one-line note `<project or alias> [prio high|medium|low] <what to do>`, e.g.
 * `api prio high fix the login timeout`. Whitespace of any kind separates words; the title
 * keeps the user's words as typed (single-spaced). Errors name what is wrong.
 */
export function parseCapture(note: string): ParsedCapture {
  const words = note.trim().split(/\s+/u).filter(Boolean);
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
  return { projectWord, priority, title: titleWords.join(' ') };
}
