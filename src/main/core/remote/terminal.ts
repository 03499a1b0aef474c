/** An interactive shell on a runner: a PTY channel of the runner's pooled SSH connection. */
export interface RemoteShell {
  write(data: string | Buffer): void;
  resize(cols: number, rows: number): void;
  /** Hangs up: the shell gets SIGHUP as when a terminal window closes. */
  close(): void;
  onData(listener: (data: Buffer) => void): void;
  /** Once, when the channel closes; the exit code when the shell said it. */
  onExit(listener: (exitCode: number | null) => void): void;
}

export interface ShellSize {
  cols: number;
  rows: number;
}

/** A word for a POSIX shell: single-quoted, its own quotes closed and escaped around. */
export function shellWord(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

/** `cd` to a remote path that may start with `~/` (the home, expanded by the remote shell). */
function cdCommand(path: string): string {
  if (path === '~') return 'cd';
  if (path.startsWith('~/')) return `cd ~/${shellWord(path.slice(2))}`;
  return `cd -- ${shellWord(path)}`;
}

/**
 * The command a worktree terminal runs, given to the remote user's login shell by sshd: bash
 * without its startup files runs the runner's prelude (PATH, toolchains), moves to the worktree
 * and hands over to the user's own shell, interactive. The prelude is the runner's own
 * configuration, as in every script; the path is one Sortie laid out, quoted as a word.
 */
export function terminalCommand(prelude: string, worktree: string): string {
  const body = [prelude.trim(), `${cdCommand(worktree)} || exit 1`, 'exec "${SHELL:-/bin/bash}" -i']
    .filter((line) => line !== '')
    .join('\n');
  return `bash --noprofile --norc -c ${shellWord(body)}`;
}

/**
 * What a user types in their own terminal to reach the same place:
 * `ssh -t [-p PORT] USER@HOST 'cd … && exec "$SHELL" -l'`.
 */
export function sshCommand(target: { host: string; port: number; user: string }, worktree: string): string {
  const port = target.port === 22 ? '' : ` -p ${target.port}`;
  const remote = `${cdCommand(worktree)} && exec "$SHELL" -l`;
  return `ssh -t${port} ${shellWord(`${target.user}@${target.host}`)} ${shellWord(remote)}`;
}
