import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { composeScript } from '../../../src/main/core/remote/compose-script';
import { parseRunFiles } from '../../../src/main/core/remote/run-files';
import { scriptText } from '../../../src/main/core/remote/scripts';
import { makeTempDir } from '../../support/temp-dir';

// read-files.sh run by a local bash: once with GNU tar, once with a tar that is not GNU (as on
// a macOS runner), which takes the framed fallback. Both must give the same answer.
const dir = makeTempDir('sortie-read-files-');
afterAll(() => dir.remove());

const runs = ['a', 'b', 'c with space', 'd'].map((name) => join(dir.path, 'runs', name));
const contents: Record<string, Buffer | null>[] = [
  { 'status.txt': Buffer.from('running\n'), 'result.json': Buffer.from([0, 1, 255, 10]) },
  { 'status.txt': Buffer.alloc(0), 'result.json': null },
  { 'status.txt': Buffer.from('ünïcode\n'), 'result.json': Buffer.alloc(70_000, 65) },
  { 'status.txt': null, 'result.json': null },
];
runs.forEach((run, i) => {
  mkdirSync(run, { recursive: true });
  for (const [file, content] of Object.entries(contents[i]!))
    if (content) writeFileSync(join(run, file), content);
});
const fakeTarDir = join(dir.path, 'bsd');
mkdirSync(fakeTarDir);
writeFileSync(join(fakeTarDir, 'tar'), '#!/bin/sh\necho "bsdtar 3.5.3 - libarchive 3.5.3"\n');
chmodSync(join(fakeTarDir, 'tar'), 0o755);

function read(path: string) {
  const files = ['status.txt', 'result.json', 'missing'];
  const out = execFileSync(
    'bash',
    ['-c', composeScript('', scriptText('read-files')), 'read-files', '3', ...files, ...runs],
    {
      env: { PATH: path, HOME: dir.path },
      maxBuffer: 16 * 1024 * 1024,
    },
  );
  return { mode: out.subarray(0, out.indexOf(0x0a)).toString(), files: parseRunFiles(out, runs, files) };
}

describe('read-files.sh', () => {
  for (const [label, path] of [
    ['with GNU tar', process.env.PATH ?? '/usr/bin:/bin'],
    ['without GNU tar', `${fakeTarDir}:${process.env.PATH ?? '/usr/bin:/bin'}`],
  ] as const) {
    it(`reads binary, empty, large and missing files ${label}`, () => {
      const { mode, files } = read(path);
      expect(mode).toBe(label === 'with GNU tar' ? 'TAR' : 'FRAMES');
      runs.forEach((run, i) => {
        expect(files.get(run)?.get('status.txt') ?? null).toEqual(contents[i]!['status.txt'] ?? null);
        expect(files.get(run)?.get('result.json') ?? null).toEqual(contents[i]!['result.json'] ?? null);
        expect(files.get(run)?.get('missing')).toBeNull();
      });
    });
  }
});
