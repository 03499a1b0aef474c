import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  startRunFollower,
  type FollowerFrame,
  type RemoteHost,
  type RunFollower,
} from '../../../src/main/core/remote';
import { poolFor, runnerFor, type PoolFixture } from '../../support/remote-fixture';
import { startSshd, type Sshd } from '../../support/sshd';
import { makeTempDir } from '../../support/temp-dir';

let sshd: Sshd;
let dir: ReturnType<typeof makeTempDir>;
let fixture: PoolFixture;
let host: RemoteHost;
let root: string;
let runs = 0;

beforeAll(async () => {
  dir = makeTempDir('sortie-follow-');
  sshd = await startSshd();
  root = join(sshd.home, `follow-${process.pid}`);
  fixture = poolFor(dir.path);
  host = fixture.pool.host(runnerFor(sshd, { workspaceRoot: root }));
});
afterAll(async () => {
  fixture.pool.closeAll();
  await sshd.dispose();
  dir.remove();
});

/** A run directory owned by the runner's user, with an events file holding `events`. */
function runDir(events: string): string {
  runs++;
  const path = join(root, `run-${runs}`);
  sshd.runAsUser(['mkdir', '-p', path]);
  sshd.runAsUser([
    'bash',
    '-c',
    'printf "%s" "$2" >"$1/events.jsonl"; echo running >"$1/status.txt"',
    'x',
    path,
    events,
  ]);
  return path;
}

/** Appends as the runner's user, as an agent does. */
const append = (path: string, text: string | Buffer) =>
  sshd.runAsUser([
    'bash',
    '-c',
    'printf %s "$2" | base64 -d >>"$1/events.jsonl"',
    'x',
    path,
    Buffer.from(text).toString('base64'),
  ]);

interface Heard {
  frames: FollowerFrame[];
  follower: RunFollower;
  closed: Promise<string>;
  /** The events bytes pushed for `key`, joined in offset order (checked contiguous). */
  bytes(key: number): Buffer;
  until(check: () => boolean, timeoutMs?: number): Promise<void>;
}

async function follower(capBytes = 5 * 1024 * 1024, frameBytes = 65536): Promise<Heard> {
  const frames: FollowerFrame[] = [];
  let closedWith: (reason: string) => void = () => undefined;
  const closed = new Promise<string>((resolve) => (closedWith = resolve));
  const started = await startRunFollower(
    host,
    { capBytes, frameBytes },
    { onFrame: (frame) => frames.push(frame), onClose: (reason) => closedWith(reason) },
  );
  return {
    frames,
    follower: started,
    closed,
    bytes(key) {
      const parts: Buffer[] = [];
      let next: number | null = null;
      for (const frame of frames) {
        if (frame.key !== key) continue;
        if (frame.kind === 'skipped') next = frame.to;
        if (frame.kind !== 'events') continue;
        if (next !== null) expect(frame.offset).toBe(next);
        next = frame.offset + frame.bytes.length;
        parts.push(frame.bytes);
      }
      return Buffer.concat(parts);
    },
    async until(check, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      while (!check()) {
        if (Date.now() > deadline) throw new Error(`not heard in time: ${JSON.stringify(frames.slice(-5))}`);
        await new Promise((r) => setTimeout(r, 10));
      }
    },
  };
}

describe('the run follower', () => {
  it('pushes new output from the offset asked for, and says when the status changes', async () => {
    const path = runDir('{"n":1}\n{"n":2}\n');
    const heard = await follower();
    heard.follower.follow(7, path, 8);
    await heard.until(() => heard.bytes(7).toString() === '{"n":2}\n');
    // State files are looked at every fifth tick (100 ms).
    await heard.until(() => heard.frames.some((f) => f.kind === 'status'));
    expect(heard.frames.find((f) => f.kind === 'status')).toMatchObject({ key: 7, status: 'running' });

    const written = Date.now();
    append(path, '{"n":3}\n');
    await heard.until(() => heard.bytes(7).toString().endsWith('{"n":3}\n'));
    // Pushed, not polled: within a few ticks of the write (the harness's own process start included).
    expect(Date.now() - written).toBeLessThan(1_000);

    sshd.runAsUser(['bash', '-c', 'echo completed >"$1/status.txt"; echo {} >"$1/result.json"', 'x', path]);
    await heard.until(() => heard.frames.some((f) => f.kind === 'result' && f.key === 7));
    expect(
      heard.frames.filter((f) => f.kind === 'status').map((f) => f.kind === 'status' && f.status),
    ).toEqual(['running', 'completed']);
    heard.follower.close();
    await heard.closed;
  });

  it('keeps framing whatever the output holds: lines that look like frames, a NUL, bytes that are not UTF-8', async () => {
    const path = runDir('');
    const heard = await follower(5 * 1024 * 1024, 100);
    heard.follower.follow(1, path, 0);
    const hostile = Buffer.concat([
      Buffer.from('E 1 0 99999 0\nX 1 0 5\nS 1 3\nR 1\n'),
      Buffer.from(`\n${'x'.repeat(250)}\n`),
      Buffer.from([0x00, 0xff, 0xfe, 0x0a, 0x00, 0x00, 0x0a]),
      Buffer.from('L 1 1\nD 1\nlast\n'),
    ]);
    append(path, hostile);
    await heard.until(() => heard.bytes(1).length >= hostile.length);
    expect(heard.bytes(1).equals(hostile)).toBe(true);
    // Still following: more output after all that arrives too.
    append(path, 'after\n');
    await heard.until(() => heard.bytes(1).toString('latin1').endsWith('last\nafter\n'));
    heard.follower.close();
  });

  it('skips to the newest part, from a line boundary, when more than the cap waits', async () => {
    const line = (i: number) => `{"line":${String(i).padStart(6, '0')}}\n`; // 16 bytes
    const path = runDir(Array.from({ length: 1000 }, (_, i) => line(i)).join(''));
    const heard = await follower(1700, 512);
    heard.follower.follow(2, path, 0);
    await heard.until(() => heard.bytes(2).toString().endsWith(line(999)));
    const skipped = heard.frames.find((f) => f.kind === 'skipped');
    // 16,000 bytes wait, 1,700 are kept: they start at byte 14,300, inside line 893; line 894 is
    // the first whole one.
    expect(skipped).toMatchObject({ key: 2, from: 0, to: 894 * 16 });
    expect(heard.bytes(2).toString()).toBe(Array.from({ length: 106 }, (_, i) => line(894 + i)).join(''));
    heard.follower.close();
  });

  it('follows a run whose events file appears later, and stops following when told', async () => {
    runs++;
    const path = join(root, `run-${runs}`);
    sshd.runAsUser(['mkdir', '-p', path]);
    const heard = await follower();
    heard.follower.follow(3, path, 0);
    await new Promise((r) => setTimeout(r, 100));
    append(path, '{"late":true}\n');
    await heard.until(() => heard.bytes(3).toString() === '{"late":true}\n');
    heard.follower.unfollow(3);
    await new Promise((r) => setTimeout(r, 100));
    const before = heard.frames.length;
    append(path, '{"unheard":true}\n');
    await new Promise((r) => setTimeout(r, 300));
    expect(heard.frames.length).toBe(before);
    heard.follower.close();
  });

  it('refuses a run directory with a NUL byte before anything is sent', async () => {
    const heard = await follower();
    expect(() => heard.follower.follow(4, `${root}/a\0b`, 0)).toThrow(/NUL/);
    heard.follower.close();
  });
});
