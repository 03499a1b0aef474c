const FALLBACK = 'Continue the previous task.';
const MAX_LENGTH = 200;

/** The first non-empty line of a follow-up request, trimmed and clipped; a fallback if none. */
export function firstLine(request: string): string {
  const line = request
    .split(/\r?\n/)
    .map((text) => text.trim())
    .find((text) => text !== '');
  const shown = line ?? FALLBACK;
  return shown.length > MAX_LENGTH ? `${shown.slice(0, MAX_LENGTH - 1)}…` : shown;
}

/** A run summary for a follow-up: "Follow-up: <first line>". */
export function followUpSummary(request: string): string {
  return `Follow-up: ${firstLine(request)}`;
}
