import { describe, expect, it } from 'vitest';
import { adapterFor } from '../../../src/main/core/agents';
import { fixtureLines } from './fixture';

const parse = (line: string) => adapterFor('codex').parseEventLine(line);
const WT = '/home/runner/ws/widgets/worktrees/dsp_1';

describe('codex event lines', () => {
  it('turn a realistic `codex exec --json` stream into readable entries, one per finished item', () => {
    expect(fixtureLines('codex-events.jsonl').map(parse)).toEqual([
      [{ kind: 'status', text: 'Codex session started', detail: '0199a213-81c0-7800-8aa1-bbab2a035a53' }],
      [],
      [
        {
          kind: 'reasoning',
          text: '**Exploring the repository layout**\n\nI want to find where the widgets are rendered.',
        },
      ],
      [
        {
          kind: 'status',
          text: 'Plan: 0 of 2 steps done',
          detail: '[ ] Find the widget renderer\n[ ] Add the changelog entry',
        },
      ],
      // A command is shown when it starts, as the command meant (no `bash -lc` quoting)...
      [{ kind: 'command', text: 'rg -n "renderWidget" src', callId: 'item_2' }],
      // ...and its end, under the same id, completes it with its output and exit code.
      [
        {
          kind: 'command',
          text: 'rg -n "renderWidget" src',
          callId: 'item_2',
          detail:
            "src/widget.ts:12:export function renderWidget() {\nsrc/app.ts:3:import { renderWidget } from './widget';",
          exitCode: 0,
        },
      ],
      [
        {
          kind: 'status',
          text: 'Plan: 1 of 2 steps done',
          detail: '[x] Find the widget renderer\n[ ] Add the changelog entry',
        },
      ],
      [
        {
          kind: 'file-change',
          text: `update ${WT}/CHANGELOG.md, add ${WT}/docs/widgets.md`,
          files: [
            { path: `${WT}/CHANGELOG.md`, change: 'update' },
            { path: `${WT}/docs/widgets.md`, change: 'add' },
          ],
        },
      ],
      [
        {
          kind: 'command',
          text: 'npm test',
          callId: 'item_4',
          detail:
            '> widgets@1.0.0 test\n> vitest run\n\n FAIL  test/widget.test.ts > renders\nAssertionError: expected 1 to be 2',
          exitCode: 1,
        },
      ],
      [{ kind: 'command', text: "git add -A && git commit -m 'docs: widgets changelog'", callId: 'item_9' }],
      [
        {
          kind: 'command',
          text: "git add -A && git commit -m 'docs: widgets changelog'",
          callId: 'item_9',
          detail: '[sortie/dsp_1 4be1c2a] docs: widgets changelog\n 2 files changed, 3 insertions(+)',
          exitCode: 0,
        },
      ],
      [{ kind: 'tool-call', text: 'github.get_pull_request' }],
      [{ kind: 'tool-call', text: 'Web search: vitest toMatchObject nullable' }],
      [{ kind: 'error', text: 'command timed out after 60s' }],
      [],
      // The last message is the result JSON: the run's result card shows it, not the output.
      [],
      [
        {
          kind: 'usage',
          text: 'Codex finished its turn',
          usage: {
            inputTokens: 24631,
            cachedInputTokens: 19072,
            outputTokens: 1187,
            costUsd: null,
            turns: null,
            durationMs: null,
          },
        },
      ],
      [{ kind: 'error', text: 'Codex error: Reconnecting... 1/5' }],
      [{ kind: 'error', text: 'Codex turn failed: stream disconnected before completion' }],
    ]);
  });

  it('keep a line that is not JSON as an error entry with its text', () => {
    expect(parse('thread panicked at codex-rs/exec/src/lib.rs:42')).toEqual([
      {
        kind: 'error',
        text: 'The agent printed a line that is not a JSON event',
        detail: 'thread panicked at codex-rs/exec/src/lib.rs:42',
      },
    ]);
    expect(parse('[1,2]')).toHaveLength(1);
    expect(parse('   ')).toEqual([]);
  });

  it('say so when a known item has an unexpected shape, and name unknown finished items', () => {
    expect(parse('{"type":"item.completed","item":{"id":"i","type":"command_execution"}}')).toEqual([
      {
        kind: 'status',
        text: 'Unrecognised Codex command_execution item',
        detail: expect.any(String) as string,
      },
    ]);
    expect(parse('{"type":"item.completed","item":{"id":"i","type":"image_generation"}}')).toEqual([
      { kind: 'status', text: 'Codex image generation' },
    ]);
    expect(parse('{"type":"item.started","item":{"id":"i","type":"image_generation"}}')).toEqual([]);
    expect(parse('{"type":"session.configured"}')).toEqual([]);
  });

  it('show a failed patch and a failed MCP call as such', () => {
    expect(
      parse(
        '{"type":"item.completed","item":{"id":"i","type":"file_change","changes":[{"path":"a.ts","kind":"delete"}],"status":"failed"}}',
      ),
    ).toEqual([
      {
        kind: 'file-change',
        text: 'Patch failed: delete a.ts',
        files: [{ path: 'a.ts', change: 'delete' }],
        failed: true,
      },
    ]);
    expect(
      parse(
        '{"type":"item.completed","item":{"id":"i","type":"mcp_tool_call","server":"gh","tool":"x","status":"failed","error":{"message":"denied"}}}',
      ),
    ).toEqual([{ kind: 'tool-call', text: 'gh.x (failed)', detail: 'denied' }]);
  });

  it('keep only the tail of long command output', () => {
    const output = Array.from({ length: 100 }, (_, i) => `line ${i}`).join('\n');
    const line = JSON.stringify({
      type: 'item.completed',
      item: {
        id: 'i',
        type: 'command_execution',
        command: 'seq 100',
        aggregated_output: output,
        exit_code: 0,
      },
    });
    const [entry] = parse(line);
    expect(entry?.detail?.split('\n')).toHaveLength(20);
    expect(entry?.detail?.endsWith('line 99')).toBe(true);
  });

  it('keep an agent message that is not the result JSON', () => {
    const message = (text: string) =>
      parse(JSON.stringify({ type: 'item.completed', item: { id: 'i', type: 'agent_message', text } }));
    expect(message('{"status":"succeeded"}')).toEqual([{ kind: 'message', text: '{"status":"succeeded"}' }]);
    expect(message('Done: {"a":1}')).toHaveLength(1);
  });

  it('stamp entries with the time an event carries, when it has one', () => {
    const line = JSON.stringify({
      type: 'turn.failed',
      timestamp: '2026-12-01T10:00:00.5+01:00',
      error: { message: 'x' },
    });
    expect(parse(line)).toEqual([
      { kind: 'error', text: 'Codex turn failed: x', at: '2026-12-01T09:00:00.500Z' },
    ]);
  });

  it('read token usage without one when the numbers are missing', () => {
    expect(parse('{"type":"turn.completed","usage":{"input_tokens":"many"}}')).toEqual([
      { kind: 'status', text: 'Codex finished its turn' },
    ]);
  });
});
