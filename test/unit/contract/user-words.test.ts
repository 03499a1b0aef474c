import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { runnerUpsertInput } from '../../../src/shared/contract/runners';
import { fieldIssues, userWords } from '../../../src/shared/contract/user-words';

const messages = (schema: z.ZodType, input: unknown) => {
  const result = schema.safeParse(input, { error: userWords });
  return result.success ? [] : fieldIssues(result.error);
};

describe('runner input in words a user says', () => {
  it('states the whole rule for a port out of range, as text or as a fraction', () => {
    for (const port of [70_000, 0, 22.5, 'ssh']) {
      expect(messages(runnerUpsertInput, { name: 'box', host: 'h', port }), String(port)).toEqual([
        { field: 'port', message: 'must be a whole number from 1 to 65535' },
      ]);
    }
  });

  it('names every wrong field once, with its first problem', () => {
    expect(
      messages(runnerUpsertInput, {
        name: '',
        host: 'a b',
        port: 70_000,
        maxConcurrent: 0,
        defaultAgent: 'gpt',
      }),
    ).toEqual([
      { field: 'name', message: 'must not be empty' },
      { field: 'host', message: 'must not contain spaces' },
      { field: 'port', message: 'must be a whole number from 1 to 65535' },
      { field: 'defaultAgent', message: 'must be one of codex, claude' },
      { field: 'maxConcurrent', message: 'must be a whole number from 1 to 64' },
    ]);
  });
});

describe('zod defaults replaced', () => {
  it('says what a field must be instead of zod’s developer wording', () => {
    const schema = z
      .object({
        count: z.number().max(5),
        label: z.string().max(3),
        tags: z.array(z.string()).min(1),
        on: z.boolean(),
        need: z.string(),
      })
      .strict();
    expect(messages(schema, { count: 9, label: 'long', tags: [], on: 'yes', extra: 1 })).toEqual([
      { field: 'count', message: 'must be at most 5' },
      { field: 'label', message: 'must be at most 3 characters' },
      { field: 'tags', message: 'must have at least 1 entry' },
      { field: 'on', message: 'must be true or false' },
      { field: 'need', message: 'is required' },
      { field: '', message: 'extra is not a known field' },
    ]);
  });

  it('keeps a schema’s own message', () => {
    expect(messages(z.number().max(5, 'too many cooks'), 6)).toEqual([
      { field: '', message: 'too many cooks' },
    ]);
  });
});
