import { describe, expect, it } from 'vitest';
import { adapterFor } from '../../../src/main/core/agents';
import { displayCommand } from '../../../src/main/core/agents/codex/events';
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
      // A command is shown once, when it has finished.
      [],
      [
        {
          kind: 'command',
          text: 'rg -n "renderWidget" src',
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
          detail: `update ${WT}/CHANGELOG.md\nadd ${WT}/docs/widgets.md`,
        },
      ],
      [
        {
          kind: 'command',
          text: 'npm test',
          detail:
            '> widgets@1.0.0 test\n> vitest run\n\n FAIL  test/widget.test.ts > renders\nAssertionError: expected 1 to be 2',
          exitCode: 1,
        },
      ],
      [{ kind: 'tool-call', text: 'github.get_pull_request' }],
      [{ kind: 'tool-call', text: 'Web search: vitest toMatchObject nullable' }],
      [{ kind: 'error', text: 'command timed out after 60s' }],
      [],
      [{ kind: 'message', text: expect.stringContaining('"status":"succeeded"') as string }],
      [
        {
          kind: 'status',
          text: 'Codex finished its turn',
          detail: 'input tokens: 24631, cached input tokens: 19072, output tokens: 1187',
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
    ).toEqual([{ kind: 'file-change', text: 'Patch failed: delete a.ts', detail: 'delete a.ts' }]);
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

  it('unwrap the shell codex runs commands through only when that is lossless', () => {
    expect(displayCommand("bash -lc 'ls -la'")).toBe('ls -la');
    expect(displayCommand("/bin/bash -lc 'git status'")).toBe('git status');
    expect(displayCommand(`bash -lc 'echo '"'"'hi'"'"''`)).toBe(`bash -lc 'echo '"'"'hi'"'"''`);
    expect(displayCommand('["git","status"]')).toBe('["git","status"]');
  });
});
