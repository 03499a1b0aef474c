import { execFileSync, spawn } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { guardAgainstCrash } from './sshd';
import { makeTempDir } from './temp-dir';

export interface SshAgent {
  socketPath: string;
  pid: number;
  /** Loads a private key into the agent with `ssh-add`. */
  add(privateKeyPath: string, passphrase?: string): void;
  /** Kills the agent and removes its socket directory. */
  stop(): void;
}

const running = new Set<() => void>();
let exitHookInstalled = false;

/** A private `ssh-agent` on its own socket, killed when this process ends if the test forgets. */
export async function startSshAgent(): Promise<SshAgent> {
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    process.on('exit', () => {
      for (const stop of running) stop();
    });
  }
  const temp = makeTempDir('sortie-agent-');
  const socketPath = join(temp.path, 'agent.sock');
  // The passphrase travels in the environment, never on a command line or in the script.
  const askpass = join(temp.path, 'askpass.sh');
  writeFileSync(askpass, '#!/bin/sh\nprintf \'%s\\n\' "$SORTIE_ASKPASS_PASSPHRASE"\n', { mode: 0o700 });

  const watchdog = guardAgainstCrash(socketPath, temp.path);
  const child = spawn('ssh-agent', ['-D', '-a', socketPath], { detached: true, stdio: 'ignore' });
  child.unref();
  const pid = child.pid;
  if (pid === undefined) {
    watchdog.disarm();
    temp.remove();
    throw new Error('ssh-agent did not start');
  }

  const stop = () => {
    running.delete(stop);
    watchdog.disarm();
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // Already gone.
    }
    temp.remove();
  };
  running.add(stop);

  const deadline = Date.now() + 5_000;
  while (!existsSync(socketPath)) {
    if (child.exitCode !== null || Date.now() > deadline) {
      stop();
      throw new Error(`ssh-agent did not create ${socketPath}`);
    }
    await sleep(10);
  }

  return {
    socketPath,
    pid,
    add(privateKeyPath, passphrase) {
      const env: NodeJS.ProcessEnv =
        passphrase === undefined
          ? // Fail at once on an encrypted key instead of prompting.
            { ...process.env, SSH_AUTH_SOCK: socketPath, SSH_ASKPASS_REQUIRE: 'never' }
          : {
              ...process.env,
              SSH_AUTH_SOCK: socketPath,
              SSH_ASKPASS: askpass,
              SSH_ASKPASS_REQUIRE: 'force',
              DISPLAY: process.env.DISPLAY ?? ':0',
              SORTIE_ASKPASS_PASSPHRASE: passphrase,
            };
      execFileSync('ssh-add', [privateKeyPath], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    },
    stop,
  };
}
