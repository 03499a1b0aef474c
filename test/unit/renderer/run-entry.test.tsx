import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { RunEvent } from '@shared/contract';
import { OUTPUT_LINES, RunEntry } from '@renderer/features/run/RunEntry';
import { RUN_ID, t } from './run-view-fixtures';

const entry = (seq: number, data: Record<string, unknown>, at = t(seq)): RunEvent => ({
  dispatchId: RUN_ID,
  seq,
  kind: 'agent',
  at,
  data,
});

const WT = '/home/me/sortie/projects/api/worktrees/dsp_01abc';
const render = (event: RunEvent, ending?: RunEvent, live = false) =>
  renderToStaticMarkup(<RunEntry event={event} ending={ending} live={live} worktree={WT} />);
const text = (html: string) => html.replace(/<[^>]+>/g, '');

describe('a run output entry', () => {
  const output = Array.from({ length: 10 }, (_, i) => `line ${i + 1}`).join('\n');
  const started = entry(1, { kind: 'command', text: 'npm test', callId: 'item_1' }, t(0));
  const ended = entry(
    2,
    { kind: 'command', text: 'npm test', callId: 'item_1', exitCode: 2, detail: output },
    t(75),
  );

  it('shows a command with its exit code, duration and the last lines of its output, the rest on request', () => {
    const shown = text(render(started, ended));
    expect(shown).toContain('npm test');
    expect(shown).toContain('exit 2');
    expect(shown).toContain('1 min 15 s');
    expect(shown).toContain(`Show ${10 - OUTPUT_LINES} earlier lines`);
    expect(shown).toContain('line 10');
    expect(shown).not.toContain('line 4');
    expect(render(started, ended)).toContain('run-entry-command-failed');
  });

  it('says a command of a live run is running until its end comes', () => {
    expect(text(render(started, undefined, true))).toContain('running');
    expect(text(render(started, undefined, false))).not.toContain('running');
  });

  it('lists changed files inside the worktree, compactly', () => {
    const files = entry(3, {
      kind: 'file-change',
      text: 'update …',
      files: [
        { path: `${WT}/src/app.ts`, change: 'update' },
        { path: `${WT}/docs/new.md`, change: 'add' },
      ],
    });
    const shown = text(render(files));
    expect(shown).toContain('updatesrc/app.ts');
    expect(shown).toContain('adddocs/new.md');
    expect(shown).not.toContain(WT);
  });

  it('shows usage as a figure: cost when reported, tokens in and out', () => {
    const usage = entry(4, {
      kind: 'usage',
      text: 'Claude Code finished',
      usage: {
        inputTokens: 63632,
        cachedInputTokens: 60480,
        outputTokens: 812,
        costUsd: 0.0421,
        turns: 9,
        durationMs: 83412,
      },
    });
    expect(text(render(usage))).toContain('$0.0464k in (60k cached) · 812 out · 9 turns');
  });
});
