import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunEvent } from '@shared/contract';
import { OUTPUT_CAP_BYTES } from '../../../src/main/core/services/dispatch/output';
import { handMadeRunningRun, startRunFixture, type RunFixture } from '../../support/run-fixture';

// Pushed output (the follower): output reaches the core as it is written, resumes at the stored
// offset after the connection drops, and only the newest part of a flood is read.

/** Polls far apart: whatever arrives sooner was pushed. */
let slow: RunFixture;
/** The usual fast polls as well: both ingest the same output, nothing may come twice. */
let fast: RunFixture;

beforeAll(async () => {
  [slow, fast] = await Promise.all([
    startRunFixture({
      monitorTiming: { intervalMs: 60_000, watchedIntervalMs: 100, followedIntervalMs: 60_000 },
    }),
    startRunFixture(),
  ]);
});
afterAll(async () => {
  await Promise.all([slow?.close(), fast?.close()]);
});

const line = (i: number) =>
  `{"type":"item.completed","item":{"id":"m${i}","type":"agent_message","text":"line ${i}"}}\n`;

/** Appends lines as the runner's user (base64 on the command line: any bytes). */
function append(f: RunFixture, dir: string, text: string) {
  f.sshd.runAsUser([
    'bash',
    '-c',
    'printf %s "$2" | base64 -d >>"$1/events.jsonl"',
    'x',
    dir,
    Buffer.from(text).toString('base64'),
  ]);
}

const agentTexts = (f: RunFixture, id: string) =>
  f.core.repos.runEvents
    .list(id, 0, 1_000_000)
    .filter((e: RunEvent) => e.kind === 'agent')
    .map((e) => String(e.data.text));

async function until(check: () => boolean, what: string, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Counts poll-runs calls on the fixture's runner from now on. */
function countPolls(f: RunFixture): { count(): number; restore(): void } {
  const host = f.core.pool.host(f.core.repos.runners.get(f.runner.id)!);
  const original = host.run.bind(host);
  let polls = 0;
  host.run = (script, ...rest) => {
    if (script === 'poll-runs') polls++;
    return original(script, ...rest);
  };
  return { count: () => polls, restore: () => (host.run = original) };
}

describe('pushed output', () => {
  it('reaches the core as it is written, without waiting for a poll', async () => {
    const { run, dir } = await handMadeRunningRun(slow, 'pushed');
    append(slow, dir, line(1));
    // The first poll and the follower both see the run start; from then on only the follower works.
    await until(() => agentTexts(slow, run.id).includes('line 1'), 'the first line');
    await new Promise((r) => setTimeout(r, 300));
    const polls = countPolls(slow);
    try {
      for (let i = 2; i <= 11; i++) {
        const written = Date.now();
        append(slow, dir, line(i));
        await until(() => agentTexts(slow, run.id).includes(`line ${i}`), `line ${i}`, 5_000);
        expect(Date.now() - written).toBeLessThan(1_000);
      }
      expect(polls.count()).toBe(0);
    } finally {
      polls.restore();
    }
    expect(agentTexts(slow, run.id)).toEqual(Array.from({ length: 11 }, (_, i) => `line ${i + 1}`));
  });

  it('keeps framing when the output holds lines that look like frames', async () => {
    const { run, dir } = await handMadeRunningRun(slow, 'hostile');
    const hostile = ['E 1 0 99999 0', 'X 1 0 5', 'S 1 3', 'R 1', `L 1 1`, 'D 1', '\u0000E 2 0 1 0'].join(
      '\n',
    );
    append(slow, dir, `${hostile}\n${line(1)}`);
    await until(() => agentTexts(slow, run.id).includes('line 1'), 'the line after the hostile ones');
    append(slow, dir, line(2));
    await until(() => agentTexts(slow, run.id).includes('line 2'), 'the next line');
    // Exactly every byte of the file, once.
    const size = Number(slow.sshd.runAsUser(['bash', '-c', 'wc -c <"$1/events.jsonl"', 'x', dir]).trim());
    expect(slow.core.repos.dispatches.getOutputOffset(run.id)).toBe(size);
    expect(agentTexts(slow, run.id).filter((t) => t.startsWith('line '))).toEqual(['line 1', 'line 2']);
  });

  it('resumes at the stored offset when the follower stops or the connection drops, no line twice or lost', async () => {
    for (const [f, name, drop] of [
      [slow, 'restarted', (x: RunFixture) => x.core.pool.reconnect(x.runner.id)],
      [
        fast,
        'dropped',
        async (x: RunFixture) => {
          await x.sshd.stop();
          await new Promise((r) => setTimeout(r, 500));
          await x.sshd.start();
        },
      ],
    ] as const) {
      const { run, dir } = await handMadeRunningRun(f, name);
      // 300 lines, one every 10 ms, written on the runner while the connection goes and comes back.
      const writer = `for i in $(seq 1 300); do printf '{"type":"item.completed","item":{"id":"m%s","type":"agent_message","text":"line %s"}}\\n' "$i" "$i" >>"$1/events.jsonl"; sleep 0.01; done`;
      const cmd = ['bash', '-c', writer, 'writer', dir];
      const [file, ...args] =
        process.getuid?.() === 0 ? ['runuser', '-u', f.sshd.username, '--', ...cmd] : cmd;
      const done = new Promise<void>((resolve) =>
        spawn(file!, args, { stdio: 'ignore' }).on('exit', () => resolve()),
      );
      await until(() => agentTexts(f, run.id).length >= 50, `${name}: the first lines`);
      await drop(f);
      await done;
      await until(() => agentTexts(f, run.id).length >= 300, `${name}: all lines`, 60_000);
      await new Promise((r) => setTimeout(r, 300));
      expect(agentTexts(f, run.id)).toEqual(Array.from({ length: 300 }, (_, i) => `line ${i + 1}`));
    }
  });

  it('reads only the newest part of 50 MB of output, says how much was skipped, keeps it all in order', async () => {
    const { run, dir } = await handMadeRunningRun(fast, 'flood');
    // 50 MB of lines numbered 1.., then the agent ends.
    const flood = [
      'for ((i = 1; i <= 400000; i++)); do',
      '  printf \'{"type":"item.completed","item":{"id":"m%s","type":"agent_message","text":"flood %07d %s"}}\\n\' "$i" "$i" "$2"',
      'done >>"$1/events.jsonl"',
      'echo completed >"$1/status.txt"; echo 0 >"$1/exit-code.txt"',
    ].join('\n');
    const pad = 'x'.repeat(40);
    fast.sshd.runAsUser(['bash', '-c', flood, 'flood', dir, pad]);
    const size = Number(fast.sshd.runAsUser(['bash', '-c', 'wc -c <"$1/events.jsonl"', 'x', dir]).trim());
    expect(size).toBeGreaterThan(50 * 1000 * 1000);
    const lineBytes = size / 400000;
    const ended = Date.now();
    await fast.waitFor(run.id, ['succeeded', 'failed', 'canceled'], 60_000);
    expect(Date.now() - ended).toBeLessThan(30_000);

    const events = fast.core.repos.runEvents.list(run.id, 0, 1_000_000);
    const numberOf = (e: RunEvent) => Number(/^flood (\d{7})/.exec(String(e.data.text))?.[1]);
    const lines = events.filter((e) => e.kind === 'agent').map(numberOf);
    // Each line at most once, in order, ending with the last one.
    expect(lines.every((n, i) => i === 0 || n > lines[i - 1]!)).toBe(true);
    expect(lines.at(-1)).toBe(400000);
    // Skipped, and said so; what follows the last skip has no hole.
    const markers = events.filter((e) => e.kind === 'trimmed');
    expect(markers.length).toBeGreaterThanOrEqual(1);
    expect(String(markers[0]!.data.text)).toMatch(/^[\d,]+ bytes of output skipped/);
    const afterLast = events.filter((e) => e.kind === 'agent' && e.seq > markers.at(-1)!.seq).map(numberOf);
    expect(afterLast.every((n, i) => i === 0 || n === afterLast[i - 1]! + 1)).toBe(true);
    // The newest part kept: about the cap's worth of the file's last lines, far from all of it.
    expect(lines.length * lineBytes).toBeGreaterThan(OUTPUT_CAP_BYTES * 0.8);
    expect(lines.length).toBeLessThan(400000 / 4);
    expect(fast.core.repos.dispatches.getOutputOffset(run.id)).toBe(size);
    expect(fast.core.repos.dispatches.outputTrimmed(run.id)).toBe(true);
  });
});
