import { z } from 'zod';
import { ID_PATTERN } from '../domain/ids';

/** ISO-8601 UTC with milliseconds, e.g. 2026-11-21T09:31:00.000Z. */
export const timestampSchema = z.iso.datetime({ precision: 3 });

export const idSchema = z.string().regex(ID_PATTERN, 'must be a Sortie id');

/**
 * Whether a text field may span lines. Every text field of the contract may reach a runner (as
 * an argument, a file or a prompt), so every one refuses control characters; only multi-line
 * ones accept newline and tab.
 */
export type TextLines = 'single' | 'multi';

const NEWLINE = 0x0a;
const CARRIAGE_RETURN = 0x0d;
const TAB = 0x09;

/** C0 controls, DEL and C1 controls: U+0000–U+001F and U+007F–U+009F. */
function isControl(codePoint: number): boolean {
  return codePoint <= 0x1f || (codePoint >= 0x7f && codePoint <= 0x9f);
}

/** Iterating a string by code point yields a surrogate only when it has no partner. */
function isLoneSurrogate(codePoint: number): boolean {
  return codePoint >= 0xd800 && codePoint <= 0xdfff;
}

function codePointName(codePoint: number): string {
  return `U+${codePoint.toString(16).toUpperCase().padStart(4, '0')}`;
}

/**
 * Why `text` may not be a value of a field of the given kind, or null when it may. Refused in
 * every field: control characters (C0, DEL, C1) and lone surrogates; a multi-line field
 * accepts newline and tab, nothing else of those.
 */
export function textProblem(text: string, lines: TextLines): string | null {
  for (const char of text) {
    const codePoint = char.codePointAt(0) ?? 0;
    if (isLoneSurrogate(codePoint)) {
      return `must not contain a lone surrogate (found ${codePointName(codePoint)})`;
    }
    if (!isControl(codePoint)) continue;
    if (lines === 'multi' && (codePoint === NEWLINE || codePoint === TAB)) continue;
    if (lines === 'single' && (codePoint === NEWLINE || codePoint === CARRIAGE_RETURN)) {
      return 'must be a single line';
    }
    return `must not contain control characters (found ${codePointName(codePoint)})`;
  }
  return null;
}

function refuseControlCharacters(schema: z.ZodString, lines: TextLines): z.ZodString {
  return schema.superRefine((text, ctx) => {
    const problem = textProblem(text, lines);
    if (problem !== null) ctx.addIssue({ code: 'custom', message: problem, input: text });
  });
}

const atMost = (max: number) => `must be at most ${max} characters`;

/** One line kept exactly as typed, possibly empty (passphrases, where spaces count). */
export const singleLine = (max: number) =>
  refuseControlCharacters(z.string(), 'single').max(max, atMost(max));

/** One line with surrounding whitespace removed, possibly empty (URLs, branches). */
export const trimmedLine = (max: number) =>
  refuseControlCharacters(z.string().trim(), 'single').max(max, atMost(max));

/** A trimmed single line that must not be empty (names, hosts, titles). */
export const requiredLine = (max: number) => trimmedLine(max).min(1, 'must not be empty');

/**
 * Free text that may span lines, possibly empty (summaries, descriptions, notes, preludes,
 * keys). Windows line endings become `\n` first, so a pasted CRLF text is accepted and stored
 * with newlines only; a lone carriage return is refused like any other control character.
 */
export const multiLineText = (max: number) =>
  refuseControlCharacters(
    z.string().overwrite((text) => text.replace(/\r\n/g, '\n')),
    'multi',
  ).max(max, atMost(max));

export const emptyInput = z.object({}).strict().optional().default({});

export const okOutput = z.object({ ok: z.literal(true) });

/**
 * A whole number in [min, max]. Every way of missing it (text, a fraction, out of range) gets
 * the same message, which states the whole rule: "must be a whole number from 1 to 65535".
 */
export const wholeNumberBetween = (min: number, max: number, note = '') => {
  const rule = `must be a whole number from ${min} to ${max}${note}`;
  return z.number({ error: rule }).int(rule).min(min, rule).max(max, rule);
};
