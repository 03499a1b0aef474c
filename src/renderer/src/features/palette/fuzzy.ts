/**
 * Fuzzy matching for the command palette: every word typed must occur in a field, as a whole or
 * as letters in order (`lgn` finds "login"). Whole words beat scattered letters, a match at the
 * start of a word beats one inside it, and a match in the label beats one in its details.
 */

/** A candidate's text: what it is called, and what else describes it (project, status, host). */
export interface FuzzyFields {
  readonly label: string;
  readonly detail: string;
}

const DETAIL_WEIGHT = 0.5;

function isWordStart(text: string, index: number): boolean {
  if (index === 0) return true;
  const before = text[index - 1]!;
  return !/[\p{L}\p{N}]/u.test(before);
}

/** How well one lower-cased word matches lower-cased text; null when it does not. */
function wordScore(word: string, text: string): number | null {
  const at = text.indexOf(word);
  if (at >= 0) {
    // The earliest occurrence at a word start if there is one, else the first.
    let best = at;
    for (let i = at; i >= 0; i = text.indexOf(word, i + 1)) {
      if (isWordStart(text, i)) {
        best = i;
        break;
      }
    }
    return 100 + word.length * 10 + (isWordStart(text, best) ? 50 : 0) + (best === 0 ? 20 : 0);
  }
  // Letters in order: each found after the previous one.
  let score = 0;
  let from = 0;
  let previous = -2;
  for (const char of word) {
    const index = text.indexOf(char, from);
    if (index < 0) return null;
    score += 1 + (index === previous + 1 ? 4 : 0) + (isWordStart(text, index) ? 6 : 0);
    previous = index;
    from = index + 1;
  }
  return score;
}

/** The words of a query, lower-cased; an empty query has none (everything matches). */
export function queryWords(query: string): string[] {
  return query.toLocaleLowerCase().trim().split(/\s+/u).filter(Boolean);
}

/** How well the fields match every word of the query (higher is better); null when one is missing. */
export function fuzzyScore(words: readonly string[], fields: FuzzyFields): number | null {
  const label = fields.label.toLocaleLowerCase();
  const detail = fields.detail.toLocaleLowerCase();
  let total = 0;
  for (const word of words) {
    const inLabel = wordScore(word, label);
    const inDetail = wordScore(word, detail);
    if (inLabel === null && inDetail === null) return null;
    total += Math.max(inLabel ?? 0, (inDetail ?? 0) * DETAIL_WEIGHT);
  }
  return total;
}

/**
 * The candidates that match the query, best first; equal scores keep the candidates' order (so
 * callers list what matters most first). At most `limit`.
 */
export function fuzzyFilter<T extends FuzzyFields>(items: readonly T[], query: string, limit: number): T[] {
  const words = queryWords(query);
  if (words.length === 0) return items.slice(0, limit);
  const scored: { item: T; score: number; order: number }[] = [];
  items.forEach((item, order) => {
    const score = fuzzyScore(words, item);
    if (score !== null) scored.push({ item, score, order });
  });
  scored.sort((a, b) => b.score - a.score || a.order - b.order);
  return scored.slice(0, limit).map((s) => s.item);
}
