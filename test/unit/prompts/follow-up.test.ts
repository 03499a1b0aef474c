import { describe, expect, it } from 'vitest';
import { firstLine, followUpSummary } from '../../../src/main/core/prompts';

describe('firstLine', () => {
  it('is the first non-empty line, trimmed', () => {
    expect(firstLine('\n   \n  Fix the lint errors  \nand the tests')).toBe('Fix the lint errors');
    expect(firstLine('one\r\ntwo')).toBe('one');
  });

  it('has a fallback for an empty request', () => {
    expect(firstLine('  \n ')).toBe('Continue the previous task.');
  });

  it('cuts a very long line', () => {
    const line = firstLine('x'.repeat(1000));
    expect(line).toHaveLength(200);
    expect(line.endsWith('…')).toBe(true);
  });
});

describe('followUpSummary', () => {
  it('prefixes the first line', () => {
    expect(followUpSummary('\nAddress the review\nfrom @maintainer')).toBe('Follow-up: Address the review');
  });
});
