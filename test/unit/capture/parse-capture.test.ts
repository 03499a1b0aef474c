import { describe, expect, it } from 'vitest';
import { parseCapture } from '../../../src/main/core/services/capture-parser';

describe('capture notes', () => {
  it('reads project, priority and title', () => {
    expect(parseCapture('api prio high fix the login timeout')).toEqual({
      projectWord: 'api',
      priority: 'high',
      title: 'fix the login timeout',
      iterate: null,
    });
  });

  it('defaults to medium priority when none is given', () => {
    expect(parseCapture('api fix the login timeout')).toMatchObject({
      priority: 'medium',
      title: 'fix the login timeout',
      iterate: null,
    });
  });

  it('accepts any case for the keyword and level, and "priority" spelled out', () => {
    expect(parseCapture('API PRIO LOW tidy up')).toMatchObject({
      projectWord: 'API',
      priority: 'low',
      title: 'tidy up',
      iterate: null,
    });
    expect(parseCapture('api priority High ship it')).toMatchObject({ priority: 'high' });
  });

  it('ignores extra spaces and tabs between words', () => {
    expect(parseCapture('  api \t prio   high    fix   it  ')).toEqual({
      projectWord: 'api',
      priority: 'high',
      title: 'fix it',
      iterate: null,
    });
  });

  it('keeps non-ASCII words', () => {
    expect(parseCapture('Über prio low Größe prüfen ✓')).toEqual({
      projectWord: 'Über',
      priority: 'low',
      title: 'Größe prüfen ✓',
      iterate: null,
    });
  });

  it('says what is missing', () => {
    expect(() => parseCapture('   ')).toThrow(/write a project/);
    expect(() => parseCapture('api')).toThrow(/say what to do after "api"/);
    expect(() => parseCapture('api prio high')).toThrow(/say what to do after "api prio high"/);
    expect(() => parseCapture('api prio urgent fix')).toThrow(/high, medium or low, not "urgent"/);
    expect(() => parseCapture('api prio')).toThrow(/must be followed by high, medium or low/);
  });

  it('treats a title that merely starts with another word as a title', () => {
    expect(parseCapture('api prioritise the backlog')).toMatchObject({
      priority: 'medium',
      title: 'prioritise the backlog',
      iterate: null,
    });
  });

  it('reads --iterate N --eval <command> at the end: the command is the rest of the note, as typed', () => {
    expect(
      parseCapture('api prio high fix the flaky test --iterate 3 --eval npm test -- --run  flaky'),
    ).toEqual({
      projectWord: 'api',
      priority: 'high',
      title: 'fix the flaky test',
      iterate: { maxIterations: 3, evalCommand: 'npm test -- --run  flaky' },
    });
    expect(parseCapture('api fix it --iterate 2 --eval make check')).toMatchObject({
      title: 'fix it',
      iterate: { maxIterations: 2, evalCommand: 'make check' },
    });
  });

  it('keeps a title that only mentions --eval', () => {
    expect(parseCapture('api document the --eval flag')).toMatchObject({
      title: 'document the --eval flag',
      iterate: null,
    });
  });

  it('says what is wrong with an --iterate suffix', () => {
    const problem = (note: string) => {
      try {
        parseCapture(note);
      } catch (error) {
        return (error as Error).message;
      }
      return 'no error';
    };
    expect(problem('api fix it --iterate 3')).toMatch(/followed by --eval/);
    expect(problem('api fix it --iterate 3 now --eval npm test')).toMatch(/followed by --eval/);
    expect(problem('api fix it --iterate --eval npm test')).toMatch(/from 1 to 20/);
    expect(problem('api fix it --iterate 0 --eval npm test')).toMatch(/from 1 to 20, not "0"/);
    expect(problem('api fix it --iterate 21 --eval npm test')).toMatch(/from 1 to 20/);
    expect(problem('api fix it --iterate 3 --eval   ')).toMatch(/--eval must be followed by the command/);
    expect(problem('api --iterate 3 --eval npm test')).toMatch(/say what to do/);
  });
});
