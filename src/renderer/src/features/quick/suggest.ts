import type { Project } from '@shared/contract';

export interface Suggestion {
  /** The word to put first in the note. */
  word: string;
  /** The project's name, when the word is one of its aliases. */
  project: string;
}

/**
 * Project names and aliases that start with what the user is typing as the first word of the
 * note; none once the first word is finished (a space typed) or matches exactly.
 */
export function suggestProjects(note: string, projects: readonly Project[], limit = 5): Suggestion[] {
  const typed = note.trimStart();
  if (typed === '' || /\s/.test(typed)) return [];
  const prefix = typed.toLocaleLowerCase();
  const matches: Suggestion[] = [];
  for (const project of projects) {
    for (const word of [project.name, ...project.aliases]) {
      if (word.toLocaleLowerCase().startsWith(prefix)) matches.push({ word, project: project.name });
    }
  }
  if (matches.some((m) => m.word.toLocaleLowerCase() === prefix)) return [];
  return matches
    .sort((a, b) => a.word.length - b.word.length || a.word.localeCompare(b.word))
    .slice(0, limit);
}

/** The note with its first word replaced by the chosen one, ready for the rest. */
export function completeFirstWord(note: string, word: string): string {
  const rest = note.trimStart().replace(/^\S*/, '').trimStart();
  return `${word} ${rest}`;
}
