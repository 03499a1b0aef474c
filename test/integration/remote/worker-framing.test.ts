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

  it('closes on a NUL byte inside an argument (the read slips; the trailer no longer matches)', async () => {
    // The count includes the NUL, which `read` drops: it reads one byte past the argument.
    const request = touchRequest('nul-slip', ['xyz']);
    const tampered = Buffer.from(request.toString('latin1').replace('3\nxyz', '4\nx\0yz'), 'latin1');
    await expectClosedBeforeAnythingRan('nul-slip', tampered);
  });

  it('closes on an argument longer than its count', async () => {
    const request = touchRequest('long-arg', ['abcdef']);
    const tampered = Buffer.from(request.toString('latin1').replace('6\nabcdef', '2\nabcdef'), 'latin1');
    await expectClosedBeforeAnythingRan('long-arg', tampered);
  });

  it('closes on an argument shorter than its count', async () => {
    const request = touchRequest('short-arg', ['ab']);
    const tampered = Buffer.from(request.toString('latin1').replace('2\nab', '9\nab'), 'latin1');
    await expectClosedBeforeAnythingRan('short-arg', tampered);
  });

  it('closes on a header field that is not digits, never evaluating it', async () => {
    const token = newFrameToken();
    await expectClosedBeforeAnythingRan(
      'header',
      `1 10 1000 0 ${'0'.repeat(16)} x[$(touch ${canary('header')})] 0 0 ${token}\ntouch ${canary('header')}\n`,
    );
  });

  it('closes on an argument count that is not digits, never evaluating it', async () => {
    const request = touchRequest('count', ['abc']);
    const tampered = Buffer.from(
      request.toString('latin1').replace('3\nabc', `x[$(touch ${canary('count')})]\nabc`),
      'latin1',
    );
    await expectClosedBeforeAnythingRan('count', tampered);
  });

  it('closes on a count with a leading zero (which bash arithmetic would read as octal)', async () => {
    const request = touchRequest('octal', ['abc']);
    const tampered = Buffer.from(request.toString('latin1').replace('3\nabc', '03\nabc'), 'latin1');
    await expectClosedBeforeAnythingRan('octal', tampered);
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
