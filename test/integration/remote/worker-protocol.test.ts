import { spawn } from 'node:child_process';
import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { EventEmitter } from 'node:events';
import type { ClientChannel } from 'ssh2';
import { afterAll, describe, expect, it } from 'vitest';
import {
  newNonce,
  startShellWorker,
  workerCommand,
  WORKER_TEXT,
} from '../../../src/main/core/remote/shell-worker';
import { makeTempDir } from '../../support/temp-dir';

// The worker protocol against a local bash, as on a runner whose `wc` pads its numbers the BSD
// way (macOS): answers must still be read byte-exact.
const dir = makeTempDir('sortie-worker-');
afterAll(() => dir.remove());
writeFileSync(
  join(dir.path, 'wc'),
  '#!/bin/sh\nn=$(/usr/bin/wc "$@" | awk \'{print $1}\')\nprintf "%8s\\n" "$n"\n',
);
chmodSync(join(dir.path, 'wc'), 0o755);

function localChannel(path: string): ClientChannel {
  const nonce = newNonce();
  // As sshd runs an exec channel's command: through a shell.
  // `exec`: one process from the shell to the worker, so a kill reaches the worker.
  const child = spawn('/bin/sh', ['-c', `exec ${workerCommand(nonce, WORKER_TEXT.length)}`], {
    env: { PATH: path, HOME: dir.path },
  });
  const channel = Object.assign(new EventEmitter(), {
    nonce,
    stderr: child.stderr,
    write: (data: Buffer | string) => child.stdin.write(data),
    end: () => child.stdin.end(),
    close: () => child.kill('SIGKILL'),
    signal: () => child.kill('SIGKILL'),
  });
  child.stdout.on('data', (chunk: Buffer) => channel.emit('data', chunk));
  child.on('close', () => channel.emit('close'));
  return channel as unknown as ClientChannel;
}

describe('worker protocol', () => {
  it('reads answers byte-exact when wc pads its numbers', async () => {
    const channel = localChannel(`${dir.path}:/usr/bin:/bin`);
    const worker = await startShellWorker(channel, (channel as unknown as { nonce: string }).nonce, 5_000);
    const result = await worker.run({
      script: 'printf "%s|" "$@"; printf "err" >&2; exit 4',
      args: ['a b', '', 'ü'],
      timeoutMs: 10_000,
      maxOutputBytes: 1_000,
    });
    expect(result).toMatchObject({ exitCode: 4, truncated: false });
    expect(result.stdout.toString()).toBe('a b||ü|');
    expect(result.stderr.toString()).toBe('err');
    worker.close();
  });
});
