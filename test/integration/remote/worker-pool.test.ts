import { describe, expect, it } from 'vitest';
import type { ShellWorker } from '../../../src/main/core/remote/shell-worker';
import { encodeRequest, inputParts, newFrameToken } from '../../../src/main/core/remote/worker-frame';
import { WorkerPool } from '../../../src/main/core/remote/worker-pool';

// The pool's bookkeeping against stand-in workers and a stand-in server that allows `sessions`
// channels, so every interleaving can be set up exactly.

const refusal = () => new Error('(SSH) Channel open failure: open failed');

function fakeServer(sessions: number) {
  let open = 0;
  let opened = 0;
  const workers: (ShellWorker & { closeNow(): void })[] = [];
  return {
    get opened() {
      return opened;
    },
    async open(): Promise<ShellWorker> {
      await Promise.resolve();
      if (open >= sessions) throw refusal();
      open++;
      opened++;
      const listeners: (() => void)[] = [];
      let closed = false;
      const worker = {
        busy: false,
        get closed() {
          return closed;
        },
        run: () => Promise.reject(new Error('not used')),
        onClose: (listener: () => void) => listeners.push(listener),
        close() {
          worker.closeNow();
        },
        closeNow() {
          if (closed) return;
          closed = true;
          open--;
          for (const listener of listeners) listener();
        },
      };
      workers.push(worker);
      return worker;
    },
    workers,
  };
}

describe('worker pool', () => {
  it('learns the server’s session limit from a refusal and queues callers on the workers it has', async () => {
    const server = fakeServer(2);
    const learned: number[] = [];
    const pool = new WorkerPool({
      limit: 8,
      open: () => server.open(),
      isRefusal: (e) => e instanceof Error && e.message.startsWith('(SSH) Channel open failure'),
      onLimitLearned: (limit) => learned.push(limit),
    });
    const first = await Promise.all([pool.acquire(), pool.acquire()]);
    let third: ShellWorker | null = null;
    const waiting = pool.acquire().then((w) => (third = w));
    await new Promise((r) => setTimeout(r, 10));
    expect(third).toBeNull();
    expect(pool.limit).toBe(2);
    expect(learned).toEqual([2]);
    pool.release(first[0]!);
    await waiting;
    expect(third).toBe(first[0]);
    expect(server.opened).toBe(2);
  });

  it('serves a burst that comes while warm workers are still opening with those workers', async () => {
    const server = fakeServer(10);
    const pool = new WorkerPool({ limit: 8, open: () => server.open(), isRefusal: () => false });
    pool.warmTo(4);
    // Four callers at once, before any warm worker is ready: they wait for those four.
    const burst = await Promise.all([1, 2, 3, 4].map(() => pool.acquire()));
    expect(new Set(burst).size).toBe(4);
    expect(server.opened).toBe(4);
    // A fifth caller finds none idle and none on its way: it opens a channel of its own.
    await pool.acquire();
    expect(server.opened).toBe(5);
  });

  it('lets a caller waiting for a warm worker open its own when warming fails', async () => {
    let failing = true;
    const server = fakeServer(10);
    const pool = new WorkerPool({
      limit: 8,
      open: () => (failing ? Promise.reject(new Error('worker did not start')) : server.open()),
      isRefusal: () => false,
    });
    pool.warmTo(2);
    const caller = pool.acquire();
    failing = false;
    await expect(caller).resolves.toBeDefined();
    expect(server.opened).toBe(1);
  });

  it('fails when the server refuses a channel and none is open', async () => {
    const pool = new WorkerPool({ limit: 8, open: () => fakeServer(0).open(), isRefusal: () => true });
    await expect(pool.acquire()).rejects.toThrow(/Channel open failure/);
  });

  it('lets a waiting caller open a new channel when a worker closes', async () => {
    const server = fakeServer(1);
    const pool = new WorkerPool({ limit: 1, open: () => server.open(), isRefusal: () => true });
    const only = await pool.acquire();
    const next = pool.acquire();
    server.workers[0]!.closeNow();
    expect(await next).not.toBe(only);
    expect(server.opened).toBe(2);
  });

  it('hands waiting callers an error once closed', async () => {
    const server = fakeServer(1);
    const pool = new WorkerPool({ limit: 1, open: () => server.open(), isRefusal: () => true });
    await pool.acquire();
    const next = pool.acquire();
    pool.close();
    await expect(next).rejects.toThrow(/closed/);
  });
});

describe('request frame', () => {
  it('splits stdin into NUL-free parts and NUL runs that add up to the input', () => {
    const input = Buffer.from([0, 0, 1, 2, 0, 3, 0, 0, 0]);
    const parts = inputParts(input);
    expect(parts.map((p) => [[...p.bytes], p.zeros])).toEqual([
      [[], 2],
      [[1, 2], 1],
      [[3], 3],
    ]);
    expect(Buffer.concat(parts.map((p) => Buffer.concat([p.bytes, Buffer.alloc(p.zeros)])))).toEqual(input);
  });

  it('writes the header, blocks and trailer in the order worker.sh reads them', () => {
    const token = newFrameToken();
    const frame = encodeRequest({
      id: 7,
      timeoutSeconds: 30,
      maxOutputBytes: 1000,
      scriptKey: 'abcdef0123456789',
      script: 'echo',
      args: ['a b', Buffer.from([0xff])],
      input: Buffer.from([0x41, 0]),
      token,
    });
    // Arguments without a newline: one block of lines.
    expect(frame.toString('latin1')).toBe(
      `7 30 1000 0 abcdef0123456789 4 2 1 ${token}\nechoL 6\na b\n\xff\n1 1\nA${token}\n`,
    );
    // One with a newline: each by its count.
    const each = encodeRequest({
      id: 8,
      timeoutSeconds: 30,
      maxOutputBytes: 1000,
      scriptKey: 'abcdef0123456789',
      script: null,
      args: ['a\nb', ''],
      token,
    });
    expect(each.toString('latin1')).toBe(
      `8 30 1000 0 abcdef0123456789 0 2 0 ${token}\nR\n3\na\nb0\n${token}\n`,
    );
  });

  it('refuses a NUL byte in an argument as VALIDATION_FAILED', () => {
    const frame = () =>
      encodeRequest({
        id: 1,
        timeoutSeconds: 1,
        maxOutputBytes: 1,
        scriptKey: '0000000000000000',
        script: '',
        args: ['a\0b'],
        token: newFrameToken(),
      });
    expect(frame).toThrow(expect.objectContaining({ code: 'VALIDATION_FAILED' }));
  });
});
