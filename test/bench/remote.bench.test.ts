import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { RemoteHost } from '../../src/main/core/remote';
import { scriptText } from '../../src/main/core/remote/scripts';
import { SCRIPT_LIBRARY } from '../../src/main/core/remote/scripts';
import { poolFor, runnerFor, type PoolFixture } from '../support/remote-fixture';
import { startSshd, type Sshd } from '../support/sshd';
import { makeTempDir } from '../support/temp-dir';
import { printTable, runCommand, timed, type Row } from './measure';

// Side by side on the same sshd: Sortie's pooled connection against the OpenSSH client started
// once per step, which is how the original tool talks to a runner.
let sshd: Sshd;
let dir: ReturnType<typeof makeTempDir>;
let fixture: PoolFixture;
let host: RemoteHost;
const rows: Row[] = [];
const small = { name: 'small', text: 'printf "%s" "$1" | wc -c' };

beforeAll(async () => {
  dir = makeTempDir('sortie-bench-');
  sshd = await startSshd({ maxSessions: 20 });
  fixture = poolFor(dir.path);
  host = fixture.pool.host(runnerFor(sshd));
});
afterAll(async () => {
  printTable('Remote layer (npm run bench): wall time, lower is better; ratio = OpenSSH / Sortie', rows);
  fixture.pool.closeAll();
  await sshd.dispose();
  dir.remove();
});

const ssh = (script: string, args: string[]) =>
  runCommand('ssh', [...sshd.opensshArgs(), 'bash', '-s', '--', ...args], script);

it('measures the remote layer against the OpenSSH client', async () => {
  const firstCall = await timed(() => host.run(small, ['warm-up']));
  const firstSsh = await timed(() => ssh('printf "%s" "$1" | wc -c', ['warm-up']));
  rows.push({ name: 'first call (connect + handshake)', sortieMs: firstCall, opensshMs: firstSsh });

  const sequential = await timed(async () => {
    for (let i = 0; i < 20; i++) await host.run(small, [`step-${i}`]);
  });
  const sequentialSsh = await timed(async () => {
    for (let i = 0; i < 20; i++) await ssh('printf "%s" "$1" | wc -c', [`step-${i}`]);
  });
  rows.push({
    name: '20 sequential small scripts',
    sortieMs: sequential,
    opensshMs: sequentialSsh,
    note: 'target >= 5x',
  });

  const parallel = await timed(() =>
    Promise.all(Array.from({ length: 8 }, (_, i) => host.run(small, [`p-${i}`]))),
  );
  const parallelSsh = await timed(() =>
    Promise.all(Array.from({ length: 8 }, (_, i) => ssh('printf "%s" "$1" | wc -c', [`p-${i}`]))),
  );
  rows.push({ name: '8 parallel small scripts', sortieMs: parallel, opensshMs: parallelSsh });

  const mebibyte = Buffer.alloc(1024 * 1024, 7);
  const localFile = join(dir.path, 'one-mib.bin');
  await import('node:fs').then((fs) => fs.writeFileSync(localFile, mebibyte));
  const upload = await timed(() => host.upload('~/sortie-bench/upload.bin', mebibyte, { mode: 0o600 }));
  const scpArgs = sshd
    .opensshArgs()
    .filter((a) => a !== '-p' && a !== String(sshd.port))
    .slice(0, -1);
  const uploadScp = await timed(() =>
    runCommand('scp', [
      '-P',
      String(sshd.port),
      ...scpArgs,
      localFile,
      `${sshd.username}@${sshd.host}:sortie-bench/upload-scp.bin`,
    ]),
  );
  rows.push({ name: '1 MiB upload (worker vs scp)', sortieMs: upload, opensshMs: uploadScp });

  const dirs = Array.from({ length: 200 }, (_, i) => `~/sortie-bench/runs/run-${i}`);
  await host.runOk(
    {
      name: 'seed',
      text: 'for d in "$@"; do d=$(sortie_path "$d"); mkdir -p "$d"; echo running >"$d/status.txt"; echo "{}" >"$d/result.json"; done',
    },
    dirs,
  );
  const files = ['status.txt', 'result.json', 'finished-at.txt'];
  const batched = await timed(() => host.readRunFiles(dirs, files));
  const readScript = `${SCRIPT_LIBRARY}\n${scriptText('read-files')}`;
  const batchedSsh = await timed(() => ssh(readScript, [String(files.length), ...files, ...dirs]));
  rows.push({ name: 'batched read of 200 run directories', sortieMs: batched, opensshMs: batchedSsh });

  expect(sequentialSsh / sequential).toBeGreaterThan(1);
});
