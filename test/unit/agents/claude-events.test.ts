import { describe, expect, it } from 'vitest';
import { adapterFor } from '../../../src/main/core/agents';
import { fixtureLines } from './fixture';

const parse = (line: string) => adapterFor('claude').parseEventLine(line);
const WT = '/home/runner/ws/widgets/worktrees/dsp_1';

describe('claude stream-json lines', () => {
  it('turn a realistic stream into readable entries', () => {
    expect(fixtureLines('claude-events.jsonl').map(parse)).toEqual([
      [
        {
          kind: 'status',
          text: 'Claude Code session started (claude-sonnet-4-5-20250929)',
          detail: '3f1c9a52-6f0e-4d55-9d0b-8f1f0f3c2a11',
        },
      ],
      [{ kind: 'reasoning', text: 'The widget renderer probably lives in src/widget.ts.' }],
      // The command itself, not the description the model gave it; its id ties it to its result.
      [
        { kind: 'message', text: "I'll look at the renderer first." },
        { kind: 'command', text: 'git status --short --branch', callId: 'toolu_01A' },
      ],
      [
        {
          kind: 'call-result',
          text: 'The call ended',
          callId: 'toolu_01A',
          exitCode: 0,
          detail: '## sortie/dsp_1...upstream/main',
        },
      ],
      [
        {
          kind: 'tool-call',
          text: `Read: ${WT}/src/widget.ts`,
          detail: JSON.stringify({ file_path: `${WT}/src/widget.ts` }),
          callId: 'toolu_01B',
        },
      ],
      // A file's contents read back are not worth showing: the call only ends.
      [{ kind: 'call-result', text: 'The call ended', callId: 'toolu_01B' }],
      [
        {
          kind: 'file-change',
          text: `edit ${WT}/CHANGELOG.md`,
          files: [{ path: `${WT}/CHANGELOG.md`, change: 'edit' }],
          callId: 'toolu_01C',
        },
      ],
      [
        {
          kind: 'file-change',
          text: `write ${WT}/docs/widgets.md`,
          files: [{ path: `${WT}/docs/widgets.md`, change: 'write' }],
          callId: 'toolu_01D',
        },
      ],
      [{ kind: 'command', text: 'npm test', callId: 'toolu_01E' }],
      // A failed command: its exit code read from Claude Code's "Exit code N" line.
      [
        {
          kind: 'call-result',
          text: 'The call failed',
          callId: 'toolu_01E',
          exitCode: 1,
          detail: ' FAIL  test/widget.test.ts > renders\nAssertionError: expected 1 to be 2',
        },
      ],
      [
        {
          kind: 'status',
          text: 'Plan: 1 of 2 steps done',
          detail: '[x] Fix the renderer\n[ ] Open the PR',
          callId: 'toolu_01F',
        },
      ],
      [
        {
          kind: 'tool-call',
          text: 'mcp__github__get_pull_request',
          detail: '{"owner":"acme","repo":"widgets","pullNumber":7}',
          callId: 'toolu_01G',
        },
      ],
      [{ kind: 'message', text: 'Opened https://github.com/acme/widgets/pull/7.' }],
      // The final answer is the run's result, not a tool call worth a line.
      [],
      [
        {
          kind: 'usage',
          text: 'Claude Code finished',
          usage: {
            inputTokens: 42 + 18211 + 301554,
            cachedInputTokens: 301554,
            outputTokens: 812,
            costUsd: 0.4213,
            turns: 9,
            durationMs: 83412,
          },
        },
      ],
      [
        { kind: 'error', text: 'Claude Code stopped: error max turns' },
        {
          kind: 'usage',
          text: 'Claude Code used',
          usage: {
            inputTokens: 0,
            cachedInputTokens: 0,
            outputTokens: 0,
            costUsd: 1.5,
            turns: 50,
            durationMs: 120000,
          },
        },
      ],
    ]);
  });

  it('keep a line that is not JSON as an error entry with its text', () => {
    expect(parse('Error: When using --print, --output-format=stream-json requires --verbose')).toEqual([
      {
        kind: 'error',
        text: 'The agent printed a line that is not a JSON event',
        detail: 'Error: When using --print, --output-format=stream-json requires --verbose',
      },
    ]);
  });

  it('read tool results given as a list of text blocks', () => {
    const line = JSON.stringify({
      type: 'user',
      message: {
        role: 'user',
        content: [
          {
            type: 'tool_result',
            tool_use_id: 't',
            is_error: true,
            content: [{ type: 'text', text: 'denied' }],
          },
        ],
      },
    });
    expect(parse(line)).toEqual([
      { kind: 'call-result', text: 'The call failed', callId: 't', failed: true, detail: 'denied' },
    ]);
  });

  it('say so when a message has an unexpected shape, and ignore event types of no interest', () => {
    expect(parse('{"type":"assistant","message":{}}')).toEqual([
      {
        kind: 'status',
        text: 'Unrecognised Claude Code message',
        detail: '{"type":"assistant","message":{}}',
      },
    ]);
    expect(parse('{"type":"stream_event","event":{"type":"content_block_delta"}}')).toEqual([]);
    expect(parse('{"type":"system","subtype":"compact_boundary"}')).toEqual([]);
  });

  it('report an execution error with what Claude Code said', () => {
    const line = JSON.stringify({
      type: 'result',
      subtype: 'error_during_execution',
      is_error: true,
      errors: ['API Error: 529 overloaded'],
    });
    expect(parse(line)).toEqual([
      {
        kind: 'error',
        text: 'Claude Code stopped: error during execution',
        detail: 'API Error: 529 overloaded',
      },
    ]);
  });
});
