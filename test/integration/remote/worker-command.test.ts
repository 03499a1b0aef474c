import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { newNonce, workerCommand, WORKER_TEXT } from '../../../src/main/core/remote/shell-worker';

// sshd runs an exec channel's command as `<login shell> -c <command>`. The worker's command must
// mean the same in every login shell a runner's account may have, and the bash it starts runs the
// text the client writes first, by its byte count, and nothing after it as commands.
const LOGIN_SHELLS = [
  '/bin/sh',
  '/bin/bash',
  '/bin/dash',
  '/usr/bin/zsh',
  '/usr/bin/fish',
  '/usr/bin/tcsh',
  '/usr/bin/mksh',
];

const text = Buffer.from(
  [
    'printf "nonce=%s count=%s locale=%s\\n" "$1" "$#" "$LC_ALL"',
    'IFS= read -r line',
    'printf "then read=%s\\n" "$line"',
    'exit 3',
    '',
  ].join('\n'),
);

describe.each(LOGIN_SHELLS.filter((shell) => existsSync(shell)))('under the login shell %s', (shell) => {
  it('starts bash on the text written first, with the nonce as $1, and leaves the rest to it as input', () => {
    const nonce = newNonce();
    const after = 'echo this line is input, never a command; exit 7\n';
    const done = spawnSync(shell, ['-c', workerCommand(nonce, text.length)], {
      input: Buffer.concat([text, Buffer.from(after)]),
      env: { PATH: process.env.PATH, HOME: process.env.HOME },
    });
    expect(done.stderr.toString()).toBe('');
    expect(done.stdout.toString()).toBe(`nonce=${nonce} count=1 locale=C\nthen read=${after.trimEnd()}\n`);
    expect(done.status).toBe(3);
  });

  it('runs nothing when the text is cut short', () => {
    const done = spawnSync(shell, ['-c', workerCommand(newNonce(), text.length + 10)], { input: text });
    expect(done.stdout.toString()).toBe('');
    expect(done.status).toBe(90);
  });
});

describe("the worker's start (worker-start.sh)", () => {
  it('closes on a malformed count of the worker text, leaving no folder behind', () => {
    const nonce = newNonce();
    // `exec`: one process from the shell to the worker's bash, whose pid names its folder.
    const done = spawnSync('/bin/sh', ['-c', `exec ${workerCommand(nonce, WORKER_TEXT.length)}`], {
      input: Buffer.concat([WORKER_TEXT, Buffer.from('x$(touch /tmp/sortie-never)\necho ran\n')]),
      env: { PATH: process.env.PATH, HOME: process.env.HOME },
    });
    expect(done.status).toBe(96);
    expect(done.stderr.toString()).toMatch(/framing error/);
    expect(done.stdout.toString()).toBe('');
    expect(existsSync('/tmp/sortie-never')).toBe(false);
    const left = readdirSync('/dev/shm').filter(
      (name) => name.startsWith('sortie-worker.') && name.includes(`.${done.pid}.`),
    );
    expect(left).toEqual([]);
  });
});
