/**
 * The case-insensitive identity of a project name, alias or runner name: NFC-normalised and
 * lower-cased with Unicode rules (SQLite's NOCASE only folds A–Z).
 */
export function foldWord(word: string): string {
  return word.normalize('NFC').toLowerCase();
}
