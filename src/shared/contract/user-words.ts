import type { z } from 'zod';

const TYPE_WORDS: Record<string, string> = {
  number: 'must be a number',
  int: 'must be a whole number',
  string: 'must be text',
  boolean: 'must be true or false',
  array: 'must be a list',
  object: 'must be a set of fields',
};

function sizeWords(
  origin: string | undefined,
  bound: number | bigint,
  side: 'at least' | 'at most',
): string | undefined {
  switch (origin) {
    case 'number':
    case 'int':
      return `must be ${side} ${bound}`;
    case 'string':
      return side === 'at least' && Number(bound) === 1
        ? 'must not be empty'
        : `must be ${side} ${bound} characters`;
    case 'array':
      return `must have ${side} ${bound} ${Number(bound) === 1 ? 'entry' : 'entries'}`;
    default:
      return undefined;
  }
}

/**
 * What an input issue means, said as a person would ("must be at most 65535"), for the issues
 * a schema has no message of its own for; zod's defaults ("Too big: expected number to be
 * <=65535") are for developers. Passed as the `error` of a parse: a schema's own message wins.
 * Returns undefined for an issue it has no words for, which keeps zod's.
 */
export const userWords: z.core.$ZodErrorMap = (issue) => {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined) return 'is required';
      return TYPE_WORDS[issue.expected] ?? `must be ${issue.expected}`;
    case 'too_big':
      return sizeWords(issue.origin, issue.maximum, 'at most');
    case 'too_small':
      return sizeWords(issue.origin, issue.minimum, 'at least');
    case 'invalid_value':
      return `must be one of ${issue.values.map((value) => String(value)).join(', ')}`;
    case 'unrecognized_keys':
      return `${issue.keys.join(', ')} ${issue.keys.length === 1 ? 'is not a known field' : 'are not known fields'}`;
    case 'invalid_union':
      return 'is not one of the accepted forms';
    case 'invalid_format':
      return `must be a valid ${issue.format}`;
    default:
      return undefined;
  }
};

/** One wrong input field and what is wrong with it (`field` is a dotted path, '' for the whole input). */
export interface FieldIssue {
  readonly field: string;
  readonly message: string;
}

/**
 * Each field's first issue, in the order the schema reported them: a field shows one message
 * at a time, the most basic one first.
 */
export function fieldIssues(error: z.ZodError): FieldIssue[] {
  const seen = new Set<string>();
  const issues: FieldIssue[] = [];
  for (const issue of error.issues) {
    const field = issue.path.map(String).join('.');
    if (seen.has(field)) continue;
    seen.add(field);
    issues.push({ field, message: issue.message });
  }
  return issues;
}
