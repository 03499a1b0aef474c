import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RemoteHost } from '../../../src/main/core/remote';
import { composeRequest } from '../../../src/main/core/remote/compose-script';
import {
  encodeRequest,
  newFrameToken,
  scriptKey,
  type RemoteArg,
} from '../../../src/main/core/remote/worker-frame';
import { poolFor, runnerFor, startRawWorker, type PoolFixture } from '../../support/remote-fixture';
import { startSshd, type Sshd } from '../../support/sshd';
import { makeTempDir } from '../../support/temp-dir';

// Arguments and stdin travel to a real worker (scripts/worker.sh) on the test sshd by exact
// byte counts: whatever bytes they hold come back unchanged and none of them is ever executed.
let sshd: Sshd;
let dir: ReturnType<typeof makeTempDir>;
let fixture: PoolFixture;
let host: RemoteHost;
let canaryDir: string;

beforeAll(async () => {
  dir = makeTempDir('sortie-framing-');
  sshd = await startSshd();
  fixture = poolFor(dir.path);
  host = fixture.pool.host(runnerFor(sshd));
  canaryDir = join(sshd.home, `framing-canaries-${randomBytes(4).toString('hex')}`);
  sshd.runAsUser(['mkdir', '-p', canaryDir]);
});
afterAll(async () => {
  fixture.pool.closeAll();
  sshd.runAsUser(['rm', '-rf', canaryDir]);
  await sshd.dispose();
  dir.remove();
});

const canary = (name: string) => join(canaryDir, name);

/** Echoes each argument as its byte count, a newline and its bytes; builtins only, so it is fast. */
const echoArgs = { name: 'echo-args', text: 'for a in "$@"; do printf "%d\\n%s" "${#a}" "$a"; done' };

function bytesOf(arg: RemoteArg): Buffer {
  return typeof arg === 'string' ? Buffer.from(arg, 'utf8') : arg;
}

/** Splits echoArgs' answer back into the arguments' bytes. */
function parseEcho(out: Buffer): Buffer[] {
  const echoed: Buffer[] = [];
  let at = 0;
  while (at < out.length) {
    const newline = out.indexOf(0x0a, at);
    const length = Number(out.subarray(at, newline).toString('latin1'));
    echoed.push(out.subarray(newline + 1, newline + 1 + length));
    at = newline + 1 + length;
  }
  return echoed;
}

/** Compares with Buffer.equals (fast on megabytes); only a difference goes through toEqual's diff. */
function expectSameBytes(actual: Buffer[], expected: Buffer[]) {
  const same = actual.length === expected.length && actual.every((bytes, i) => bytes.equals(expected[i]!));
  if (!same) expect(actual.map((b) => b.toString('hex'))).toEqual(expected.map((b) => b.toString('hex')));
}

/** Text a shell would act on if it ever evaluated an argument. */
const hostileSnippets = (name: string) => [
  `$(touch ${canary(name)})`,
  `\`touch ${canary(name)}\``,
  `'; touch ${canary(name)}; '`,
  `"$(touch ${canary(name)})"`,
  `x[$(touch ${canary(name)})]`,
  '${IFS}',
  '$((1+1))',
  '\\',
  "'",
  '"',
  '\n',
  '\r\n',
  '-n',
  '--',
  '',
  '\x01',
  '\x7f',
  'ü✓',
];

/** Any byte but NUL. */
const byte = fc.integer({ min: 1, max: 255 });

/** Built once the canary directory is known. */
const argumentList = () => fc.array(argument(), { maxLength: 8 });

const argument = (): fc.Arbitrary<RemoteArg> =>
  fc.oneof(
    // Raw bytes, mostly not UTF-8: sent as Buffers, byte-exact.
    fc.array(byte, { maxLength: 40 }).map((bytes) => Buffer.from(bytes)),
    // Text of any code point except NUL.
    fc.string({ unit: 'binary', maxLength: 30 }).map((s) => s.replace(/\0/g, '')),
    // Shell syntax glued together.
    fc
      .array(fc.constantFrom(...hostileSnippets('property')), { maxLength: 5 })
      .map((parts) => parts.join('')),
    fc.constant(''),
  );

describe('worker framing', () => {
  it('brings back 10,000 generated argument lists byte-exact and executes none of them', async () => {
    // 100 requests of 100 lists each; a list's arguments are preceded by their number.
    const batches = fc.array(argumentList(), { minLength: 100, maxLength: 100 });
    await fc.assert(
      fc.asyncProperty(batches, async (lists) => {
        const args: RemoteArg[] = lists.flatMap((list) => [String(list.length), ...list]);
        const out = await host.runOk(echoArgs, args);
        expectSameBytes(parseEcho(out), args.map(bytesOf));
      }),
      { numRuns: 100 },
    );
    expect(existsSync(canary('property'))).toBe(false);
  });

  it('brings back every byte value 1–255, and 1 MB arguments, byte-exact', async () => {
    const everyByte = Buffer.from(Array.from({ length: 255 }, (_, i) => i + 1));
    const megabyte = (seed: Buffer) =>
      Buffer.concat(Array.from({ length: 4096 }, () => seed)).subarray(0, 1 << 20);
    const args: RemoteArg[] = [
      everyByte,
      megabyte(everyByte),
      megabyte(Buffer.from(randomBytes(4096).map((b) => b || 1))),
      'ü'.repeat(1 << 19),
      '',
    ];
    const out = await host.runOk(echoArgs, args, { maxOutputBytes: 8 << 20 });
    expectSameBytes(parseEcho(out), args.map(bytesOf));
  });

  it('delivers any stdin bytes, NUL runs included, byte-exact', async () => {
    const cat = { name: 'cat', text: 'cat' };
    const input = fc.oneof(
      fc.uint8Array({ maxLength: 2000 }),
      fc.array(fc.oneof(fc.constant(0), byte), { maxLength: 300 }).map((a) => Uint8Array.from(a)),
    );
    await fc.assert(
      fc.asyncProperty(input, async (bytes) => {
        const result = await host.runOk(cat, [], { input: Buffer.from(bytes) });
        expectSameBytes([result], [Buffer.from(bytes)]);
      }),
      { numRuns: 200 },
    );
    const zeros = Buffer.alloc(1 << 20);
    expect((await host.runOk(cat, [], { input: zeros })).equals(zeros)).toBe(true);
  });

  it('refuses an argument with a NUL byte as VALIDATION_FAILED, sending nothing', async () => {
    for (const arg of [`a\0$(touch ${canary('nul')})`, Buffer.from([0x61, 0, 0x62])]) {
      await expect(host.run(echoArgs, ['fine', arg])).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    }
    expect(existsSync(canary('nul'))).toBe(false);
    expect((await host.runOk(echoArgs, ['still working'])).toString()).toBe('13\nstill working');
  });
});

describe('a broken frame written straight to a worker', () => {
  /** A well-formed request whose script touches `name`'s canary. */
  function touchRequest(name: string, args: RemoteArg[] = []): Buffer {
    const script = composeRequest('', `touch ${canary(name)}`);
    return encodeRequest({
      id: 1,
      timeoutSeconds: 10,
      maxOutputBytes: 1000,
      scriptKey: scriptKey(script),
      script,
      args,
      token: newFrameToken(),
    });
  }

  /** Writes `bytes` then a valid request; the worker must close before either script runs. */
  async function expectClosedBeforeAnythingRan(name: string, bytes: Buffer | string) {
    const worker = await startRawWorker(sshd);
    worker.write(Buffer.concat([Buffer.from(bytes), touchRequest(`${name}-after`)]));
    const code = await Promise.race([
      worker.exited,
      new Promise<string>((resolve) => setTimeout(() => resolve('still open after 10 s'), 10_000)),
    ]);
    worker.close();
    expect(worker.stderr()).toMatch(/framing error/);
    expect(code).toBe(96);
    expect(worker.stdout().toString('latin1')).not.toMatch(/DONE/);
    expect(existsSync(canary(name))).toBe(false);
    expect(existsSync(canary(`${name}-after`))).toBe(false);
  }

  // Arguments without a newline travel as one block of lines (`L BYTES`); any with a newline,
  // one by one (`R`, then `BYTES` and the bytes of each). Each case tampers with one request.
  const tampered: { name: string; what: string; args: string[]; from: string; to: string }[] = [
    // The count includes the NUL, which `read` drops: it reads one byte past the arguments.
    {
      name: 'nul-lines',
      what: 'a NUL byte inside the lines (the read slips)',
      args: ['xyz'],
      from: 'L 4\nxyz\n',
      to: 'L 5\nx\0yz\n',
    },
    {
      name: 'nul-each',
      what: 'a NUL byte inside an argument (the read slips)',
      args: ['xy\nz'],
      from: '4\nxy\nz',
      to: '5\nx\0y\nz',
    },
    {
      name: 'long-lines',
      what: 'lines longer than their count',
      args: ['abcdef'],
      from: 'L 7\nabcdef\n',
      to: 'L 3\nabcdef\n',
    },
    {
      name: 'long-each',
      what: 'an argument longer than its count',
      args: ['abc\ndef'],
      from: '7\nabc\ndef',
      to: '3\nabc\ndef',
    },
    {
      name: 'short-lines',
      what: 'lines shorter than their count',
      args: ['ab'],
      from: 'L 3\nab\n',
      to: 'L 9\nab\n',
    },
    {
      name: 'short-each',
      what: 'an argument shorter than its count',
      args: ['a\nb'],
      from: '3\na\nb',
      to: '9\na\nb',
    },
    {
      name: 'count-lines',
      what: 'a count of lines that is not digits, never evaluating it',
      args: ['abc'],
      from: 'L 4\nabc\n',
      to: 'L x[$(touch CANARY)]\nabc\n',
    },
    {
      name: 'count-each',
      what: 'an argument count that is not digits, never evaluating it',
      args: ['a\nbc'],
      from: '4\na\nbc',
      to: 'x[$(touch CANARY)]\na\nbc',
    },
    // Bash arithmetic would read a leading zero as octal.
    {
      name: 'octal-lines',
      what: 'a count of lines with a leading zero',
      args: ['abc'],
      from: 'L 4\nabc\n',
      to: 'L 04\nabc\n',
    },
    {
      name: 'octal-each',
      what: 'an argument count with a leading zero',
      args: ['a\nbc'],
      from: '4\na\nbc',
      to: '04\na\nbc',
    },
    {
      name: 'more-lines',
      what: 'more lines than arguments',
      args: ['abc'],
      from: 'L 4\nabc\n',
      to: 'L 4\nab\n\n',
    },
    {
      name: 'fewer-lines',
      what: 'fewer lines than arguments',
      args: ['a', 'b'],
      from: 'L 4\na\nb\n',
      to: 'L 4\nabc\n',
    },
    {
      name: 'open-line',
      what: 'lines whose last one has no newline',
      args: ['abc'],
      from: 'L 4\nabc\n',
      to: 'L 4\nabcd',
    },
    {
      name: 'form',
      what: 'arguments in a form it does not know',
      args: ['abc'],
      from: 'L 4\nabc\n',
      to: 'X 4\nabc\n',
    },
  ];
  it.each(tampered)('closes on $what', async ({ name, args, from, to }) => {
    const request = touchRequest(name, args).toString('latin1');
    expect(request).toContain(from);
    // CANARY: the file a command hidden in a count would create.
    const bytes = request.replace(from, to.replace('CANARY', canary(name)));
    await expectClosedBeforeAnythingRan(name, Buffer.from(bytes, 'latin1'));
  });

  it('closes on a header field that is not digits, never evaluating it', async () => {
    const token = newFrameToken();
    await expectClosedBeforeAnythingRan(
      'header',
      `1 10 1000 0 ${'0'.repeat(16)} x[$(touch ${canary('header')})] 0 0 ${token}\ntouch ${canary('header')}\n`,
    );
  });

  it('closes on a wrong trailer, and the commands after it are never read as script', async () => {
    const request = touchRequest('trailer');
    const tampered = Buffer.concat([
      request.subarray(0, request.length - 33),
      Buffer.from(`${'0'.repeat(32)}\n`),
    ]);
    await expectClosedBeforeAnythingRan(
      'trailer',
      Buffer.concat([tampered, Buffer.from(`touch ${canary('trailer')}\n`)]),
    );
  });

  it('runs a well-formed frame (the checks above are not failing everything)', async () => {
    const worker = await startRawWorker(sshd);
    worker.write(touchRequest('valid'));
    for (let i = 0; i < 100 && !/DONE 1 0 /.test(worker.stdout().toString('latin1')); i++) {
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(worker.stdout().toString('latin1')).toMatch(/DONE 1 0 0 0 0 0 \d+\n\n$/);
    expect(existsSync(canary('valid'))).toBe(true);
    worker.close();
  });
});
