import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { composeScript } from '../../../src/main/core/remote/compose-script';
import { parsePollAnswer } from '../../../src/main/core/remote/run-directory/poll-runs';
import { RUN_FILES } from '../../../src/main/core/remote/run-directory/protocol';
import { scriptText } from '../../../src/main/core/remote/scripts';
import { makeTempDir } from '../../support/temp-dir';

// poll-runs.sh run by a local bash: once with GNU tar (one tar stream), once with a tar that is
// not GNU (as on a macOS runner), which sends each file framed instead. Both must read the same.
const dir = makeTempDir('sortie-poll-answer-');
afterAll(() => dir.remove());

const runs = ['a', 'b with space', 'c', 'gone'].map((name) => join(dir.path, 'runs', name));
const finished: Record<string, Buffer>[] = [
  {
    [RUN_FILES.status]: Buffer.from('completed\n'),
    [RUN_FILES.result]: Buffer.from([0, 1, 255, 10]),
    [RUN_FILES.events]: Buffer.from('{"n":1}\n{"n":2}\n'),
    [RUN_FILES.exit_code]: Buffer.from('0\n'),
    [RUN_FILES.stderr]: Buffer.from('ünïcode warning\n'),
  },
  { [RUN_FILES.status]: Buffer.from('canceled\n'), [RUN_FILES.result]: Buffer.alloc(0) },
  {
    [RUN_FILES.status]: Buffer.from('completed\n'),
    [RUN_FILES.result]: Buffer.alloc(70_000, 65),
    [RUN_FILES.events]: Buffer.alloc(100_000, 10),
  },
];
finished.forEach((files, i) => {
  mkdirSync(runs[i]!, { recursive: true });
  for (const [name, content] of Object.entries(files)) writeFileSync(join(runs[i]!, name), content);
});
const notGnuTar = join(dir.path, 'bsd');
mkdirSync(notGnuTar);
writeFileSync(join(notGnuTar, 'tar'), '#!/bin/sh\necho "bsdtar 3.5.3 - libarchive 3.5.3"\n');
chmodSync(join(notGnuTar, 'tar'), 0o755);

/** Polls every run from the start of its events, with no cap on what waits. */
function poll(path: string) {
  const args = ['1048576', '4096', '0', ...runs.flatMap((run) => [run, '0'])];
  const answer = execFileSync(
    'bash',
    ['-c', composeScript('', scriptText('poll-runs')), 'poll-runs', ...args],
    {
      env: { PATH: path, HOME: dir.path },
      maxBuffer: 16 * 1024 * 1024,
    },
  );
  return {
    mode: answer.subarray(0, answer.indexOf(0x0a)).toString(),
    runs: parsePollAnswer(answer, runs.length),
  };
}

describe('poll-runs.sh answer', () => {
  const systemPath = process.env.PATH ?? '/usr/bin:/bin';
  for (const [label, path, mode] of [
    ['with GNU tar', systemPath, 'TAR'],
    ['without GNU tar', `${notGnuTar}:${systemPath}`, 'FRAMES'],
  ] as const) {
    it(`reads binary, empty, large and missing files alike ${label}`, () => {
      const answer = poll(path);
      expect(answer.mode).toBe(mode);
      const [a, b, c, gone] = answer.runs;
      expect(a).toMatchObject({ missing: false, status: 'completed', exitCode: '0\n' });
      expect(a!.result).toBe(Buffer.from([0, 1, 255, 10]).toString('utf8'));
      expect(a!.events).toEqual(finished[0]![RUN_FILES.events]);
      expect(a!.stderrTail).toBe('ünïcode warning\n');
      expect(b).toMatchObject({
        status: 'canceled',
        result: '',
        events: null,
        exitCode: null,
        stderrTail: '',
      });
      expect(c!.result).toBe('A'.repeat(70_000));
      expect(c!.events).toEqual(finished[2]![RUN_FILES.events]);
      expect(gone).toMatchObject({ missing: true, result: null, events: null });
    });
  }
});
