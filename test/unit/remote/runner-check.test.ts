import { describe, expect, it } from 'vitest';
import {
  PATH_PRELUDE_HINT,
  judgeForRunner,
  parseCheckLines,
} from '../../../src/main/core/services/runner-check';

const script = [
  'prelude\tok\tran without error',
  'git\tok\tgit version 2.39.5',
  'codex\tfail\tnot found on PATH (/usr/bin:/bin)',
  'claude\tfail\tnot found on PATH (/usr/bin:/bin)',
  'gh\tfail\t`gh --version` failed: boom',
  'noise before READY',
  'workspace\tmaybe\tnot a status',
].join('\n');

describe('runner check lines, judged for the runner', () => {
  it('reads the script’s lines and ignores anything else', () => {
    expect(parseCheckLines(script).map((c) => [c.id, c.ok, c.warning])).toEqual([
      ['prelude', true, false],
      ['git', true, false],
      ['codex', false, false],
      ['claude', false, false],
      ['gh', false, false],
    ]);
  });

  it('fails the default agent’s missing CLI and only warns about the other one', () => {
    for (const defaultAgent of ['codex', 'claude'] as const) {
      const judged = parseCheckLines(script).map((c) => judgeForRunner(c, { defaultAgent }));
      const other = defaultAgent === 'codex' ? 'claude' : 'codex';
      expect(judged.find((c) => c.id === defaultAgent)).toMatchObject({ ok: false, warning: false });
      expect(judged.find((c) => c.id === other)).toMatchObject({ ok: false, warning: true });
      // A tool every runner needs stays a failure.
      expect(judged.find((c) => c.id === 'gh')).toMatchObject({ ok: false, warning: false });
    }
  });

  it('explains the shell prelude with an example where a tool is not on PATH, and only there', () => {
    const judged = parseCheckLines(script).map((c) => judgeForRunner(c, { defaultAgent: 'codex' }));
    const codex = judged.find((c) => c.id === 'codex')!;
    expect(codex.message).toBe(`not found on PATH (/usr/bin:/bin). ${PATH_PRELUDE_HINT}`);
    expect(PATH_PRELUDE_HINT).toContain('export PATH="$HOME/.local/bin:$PATH"');
    expect(judged.find((c) => c.id === 'claude')?.message).toMatch(
      /PATH.*Only runs that choose Claude Code need it; this runner's default agent is Codex CLI\.$/,
    );
    expect(judged.find((c) => c.id === 'gh')?.message).toBe('`gh --version` failed: boom');
  });
});
