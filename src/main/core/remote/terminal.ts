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
  return `cd -- ${remoteWord(path)}`;
}

/** A remote path as one word; a leading `~/` stays outside the quotes, for the shell to expand. */
export function remoteWord(path: string): string {
  return path.startsWith('~/') ? `~/${shellWord(path.slice(2))}` : shellWord(path);
}

/**
 * The script a worktree terminal runs (uploaded into the run's directory): the runner's prelude
 * (PATH, toolchains), then into the worktree given as $1, then the user's own shell,
 * interactive. Nothing of the user's data is in it but the runner's own prelude.
 */
export function terminalScript(prelude: string): string {
  const lines = [
    prelude.trim(),
    'sortie_dir=$1',
    `case $sortie_dir in '~') sortie_dir=$HOME ;; '~/'*) sortie_dir="$HOME/\${sortie_dir#\\~/}" ;; esac`,
    'cd -- "$sortie_dir" || exit 1',
    'unset sortie_dir',
    'exec "${SHELL:-/bin/bash}" -i',
  ];
  return `${lines.filter((line) => line !== '').join('\n')}\n`;
}

/**
 * The command sshd hands to the remote user's login shell for a terminal: one line of bash
 * without its startup files, running the uploaded script with the worktree as its argument.
 * Both paths are ones Sortie laid out, each quoted as one word.
 */
export function terminalCommand(scriptPath: string, worktree: string): string {
  return `bash --noprofile --norc ${remoteWord(scriptPath)} ${shellWord(worktree)}`;
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
