import { describe, expect, it } from 'vitest';
import { parseCapture } from '../../../src/main/core/services/capture-parser';

describe('capture notes', () => {
  it('reads project, priority and title', () => {
    expect(parseCapture('api prio high fix the login timeout')).toEqual({
      projectWord: 'api',
      priority: 'high',
      title: 'fix the login timeout',
    });
  });

  it('defaults to medium priority when none is given', () => {
    expect(parseCapture('api fix the login timeout')).toMatchObject({
      priority: 'medium',
      title: 'fix the login timeout',
    });
  });

  it('accepts any case for the keyword and level, and "priority" spelled out', () => {
    expect(parseCapture('API PRIO LOW tidy up')).toMatchObject({
      projectWord: 'API',
      priority: 'low',
      title: 'tidy up',
    });
    expect(parseCapture('api priority High ship it')).toMatchObject({ priority: 'high' });
  });

  it('ignores extra spaces and tabs between words', () => {
    expect(parseCapture('  api \t prio   high    fix   it  ')).toEqual({
      projectWord: 'api',
      priority: 'high',
      title: 'fix it',
    });
  });

  it('keeps non-ASCII words', () => {
    expect(parseCapture('Über prio low Größe prüfen ✓')).toEqual({
      projectWord: 'Über',
      priority: 'low',
      title: 'Größe prüfen ✓',
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
    });
  });
});
