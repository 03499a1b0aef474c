import { describe, expect, it } from 'vitest';
import {
  multiLineText,
  requiredLine,
  singleLine,
  textProblem,
  trimmedLine,
} from '../../../src/shared/contract/common';

const issue = (result: { error?: { issues: { message: string }[] } }) => result.error?.issues[0]?.message;

describe('textProblem', () => {
  it('names the first control character it finds', () => {
    for (const [text, codePoint] of [
      ['a\u0000b', 'U+0000'],
      ['a\u001bb', 'U+001B'],
      ['\u007f', 'U+007F'],
      ['x\u0080', 'U+0080'],
      ['x\u009fy\u0000', 'U+009F'],
      ['x\u000by', 'U+000B'],
    ] as const) {
      for (const lines of ['single', 'multi'] as const) {
        expect(textProblem(text, lines), `${JSON.stringify(text)} ${lines}`).toBe(
          `must not contain control characters (found ${codePoint})`,
        );
      }
    }
  });

  it('lets newline and tab into multi-line text only', () => {
    expect(textProblem('one\n\ttwo', 'multi')).toBeNull();
    expect(textProblem('one\ntwo', 'single')).toBe('must be a single line');
    expect(textProblem('one\rtwo', 'single')).toBe('must be a single line');
    expect(textProblem('one\ttwo', 'single')).toBe('must not contain control characters (found U+0009)');
    expect(textProblem('one\rtwo', 'multi')).toBe('must not contain control characters (found U+000D)');
  });

  it('refuses lone surrogates and keeps paired ones (emoji) and other scripts', () => {
    expect(textProblem('a\ud83db', 'single')).toBe('must not contain a lone surrogate (found U+D83D)');
    expect(textProblem('a\ude00', 'multi')).toBe('must not contain a lone surrogate (found U+DE00)');
    expect(textProblem('Über 😀 東京 \u00a0 \u00ff', 'single')).toBeNull();
  });
});

describe('text schemas', () => {
  it('trims a single line before checking it, so surrounding whitespace is no error', () => {
    expect(requiredLine(20).parse('\t title \n')).toBe('title');
    expect(trimmedLine(20).parse('  ')).toBe('');
    expect(issue(requiredLine(20).safeParse('  '))).toBe('must not be empty');
    expect(issue(requiredLine(20).safeParse('a\u0000'))).toBe(
      'must not contain control characters (found U+0000)',
    );
  });

  it('keeps a passphrase exactly as typed but refuses a tab in it', () => {
    expect(singleLine(20).parse(' secret ')).toBe(' secret ');
    expect(issue(singleLine(20).safeParse('sec\tret'))).toBe(
      'must not contain control characters (found U+0009)',
    );
  });

  it('stores Windows line endings of multi-line text as newlines', () => {
    expect(multiLineText(20).parse('one\r\ntwo\r\n')).toBe('one\ntwo\n');
    expect(issue(multiLineText(20).safeParse('one\r\rtwo'))).toBe(
      'must not contain control characters (found U+000D)',
    );
  });

  it('reports the length limit in characters', () => {
    expect(issue(singleLine(3).safeParse('abcd'))).toBe('must be at most 3 characters');
    expect(issue(multiLineText(3).safeParse('abcd'))).toBe('must be at most 3 characters');
  });
});
