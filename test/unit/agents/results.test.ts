import { describe, expect, it } from 'vitest';
import { adapterFor, type AgentResult } from '../../../src/main/core/agents';
import { AppError } from '../../../src/main/core/errors';

const RESULT: AgentResult = {
  status: 'succeeded',
  summary: 'Added the entry.',
  pullRequestUrl: 'https://github.com/acme/widgets/pull/7',
  branchName: 'sortie/dsp_1',
  worktreePath: '/home/runner/ws/widgets/worktrees/dsp_1',
  notes: null,
};

function envelope(fields: Record<string, unknown>): string {
  return JSON.stringify({ type: 'result', subtype: 'success', is_error: false, result: 'Done.', ...fields });
}

function failure(parse: () => unknown): AppError {
  try {
    parse();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected parseResult to throw');
}

describe.each(['codex', 'claude'] as const)('%s parseResult', (kind) => {
  const parse = (raw: string) => adapterFor(kind).parseResult(raw);

  it('accepts the schema JSON directly, also wrapped in a code fence', () => {
    expect(parse(JSON.stringify(RESULT))).toEqual(RESULT);
    expect(
      parse(`\`\`\`json\n${JSON.stringify({ ...RESULT, status: 'blocked', pullRequestUrl: null })}\n\`\`\``),
    ).toEqual({
      ...RESULT,
      status: 'blocked',
      pullRequestUrl: null,
    });
  });

  it('rejects JSON that is not valid, saying so', () => {
    const error = failure(() => parse('{"status":"succeeded","summ'));
    expect(error.code).toBe('REMOTE_FAILED');
    expect(error.message).toMatch(/result is not valid JSON/);
  });

  it('rejects an empty result', () => {
    expect(failure(() => parse('  \n')).message).toMatch(/empty|no result/);
  });

  it('names missing fields and a wrong status value', () => {
    const { notes: _notes, summary: _summary, ...partial } = RESULT;
    const missing = failure(() => parse(JSON.stringify(partial)));
    expect(missing.code).toBe('REMOTE_FAILED');
    expect(missing.message).toMatch(/summary/);
    expect(missing.message).toMatch(/notes/);
    const wrong = failure(() => parse(JSON.stringify({ ...RESULT, status: 'done' })));
    expect(wrong.message).toMatch(/status/);
    expect(wrong.message).toMatch(/succeeded/);
  });
});

describe('codex parseResult', () => {
  it('does not accept a Claude Code envelope', () => {
    expect(
      failure(() => adapterFor('codex').parseResult(envelope({ structured_output: RESULT }))).message,
    ).toMatch(/does not match the result schema/);
  });
});

describe('claude parseResult', () => {
  const parse = (raw: string) => adapterFor('claude').parseResult(raw);

  it('takes the result from structured_output of the result event', () => {
    expect(parse(envelope({ structured_output: RESULT }))).toEqual(RESULT);
  });

  it('falls back to the final message when it is the JSON and there is no structured_output', () => {
    expect(parse(envelope({ result: JSON.stringify(RESULT) }))).toEqual(RESULT);
  });

  it('reports an envelope marked as an error with its subtype and text', () => {
    const error = failure(() =>
      parse(
        JSON.stringify({
          type: 'result',
          subtype: 'error_max_turns',
          is_error: true,
          result: 'Ran out of turns',
        }),
      ),
    );
    expect(error.code).toBe('REMOTE_FAILED');
    expect(error.message).toMatch(/ended with an error \(error_max_turns\): Ran out of turns/);
    expect(failure(() => parse(envelope({ is_error: true, result: 'API Error: 401' }))).message).toMatch(
      /API Error: 401/,
    );
  });

  it('names what is wrong with structured_output', () => {
    expect(
      failure(() => parse(envelope({ structured_output: { ...RESULT, status: 'done' } }))).message,
    ).toMatch(/structured_output does not match the result schema: status/);
  });

  it('explains an envelope without an answer', () => {
    expect(failure(() => parse(envelope({ result: 'I opened the PR.' }))).message).toMatch(
      /no structured_output and its final message is not the result JSON: I opened the PR\./,
    );
  });

  it('rejects JSON that is neither the schema nor an envelope', () => {
    expect(failure(() => parse('{"hello":"world"}')).message).toMatch(
      /neither the result schema .* nor a Claude Code result event/,
    );
  });
});
