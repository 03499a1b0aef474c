import { describe, expect, it } from 'vitest';
import {
  evalFeedback,
  iterationRequest,
  mergeEvalOutput,
} from '../../../src/main/core/services/iterate/feedback';

describe('eval output', () => {
  it('merges stdout then stderr, trimmed, and says so when there is none', () => {
    expect(mergeEvalOutput('  ok\n', '')).toBe('ok');
    expect(mergeEvalOutput('', ' boom \n')).toBe('boom');
    expect(mergeEvalOutput('out', 'err')).toBe('out\nerr');
    expect(mergeEvalOutput(' \n', '\t')).toBe('(no output)');
  });
});

describe('feedback for the next iteration', () => {
  it('fills every placeholder once, never the text the output brings in', () => {
    expect(
      evalFeedback(
        'Round {iteration}/{max_iterations}: {eval_output} {iteration}',
        2,
        4,
        'lint failed {iteration}',
      ),
    ).toBe('Round 2/4: lint failed {iteration} 2');
    expect(evalFeedback('{eval_output}', 2, 3, '   ')).toBe('(no output)');
  });

  it('has words of its own without a template, with the output quoted', () => {
    const text = evalFeedback('', 2, 3, '3 tests failed');
    expect(text).toContain('Iteration 2/3');
    expect(text).toContain('```\n3 tests failed\n```');
  });

  it('is followed by the original task', () => {
    expect(iterationRequest('Fix it.', { title: 'Login', summary: '' })).toBe(
      'Fix it.\n\n## Original task\n\nLogin',
    );
    expect(iterationRequest('Fix it.', { title: 'Login', summary: 'Times out.' })).toBe(
      'Fix it.\n\n## Original task\n\nLogin\n\nTimes out.',
    );
  });
});
