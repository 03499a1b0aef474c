/**
 * The run directory protocol, defined once. A run directory on a runner holds what Sortie
 * uploads (prompt, schema, launcher), what the launcher and the agent write while the run goes
 * (pids, status, events, stderr, result) and how it ended. The scripts get these names as shell
 * variables (`sortie_file_<key>`, `sortie_status_<status>`, see {@link shellDefinitions}), so
 * no file name or status is spelled twice.
 */
export const RUN_FILES = {
  prompt: 'prompt.md',
  schema: 'result-schema.json',
  launcher: 'launch.sh',
  /** Created atomically by launch-run: a second launch of the same run is refused. */
  launch_lock: 'launch.lock',
  launcher_pid: 'launcher.pid',
  agent_pid: 'agent.pid',
  status: 'status.txt',
  result: 'result.json',
  events: 'events.jsonl',
  stderr: 'stderr.log',
  exit_code: 'exit-code.txt',
  finished_at: 'finished-at.txt',
  /** Why Sortie stopped the run (a final status), written before its processes are signalled. */
  stop_reason: 'stop-reason.txt',
  // The eval after a successful iteration (iterate until an eval passes): the user's command as
  // a file, its launcher, a lock that lets it start once, its pid, its capped output, and its
  // exit code, written last.
  eval_script: 'eval.sh',
  eval_launcher: 'eval-launch.sh',
  eval_lock: 'eval.lock',
  eval_pid: 'eval.pid',
  eval_stdout: 'eval-stdout.txt',
  eval_stderr: 'eval-stderr.txt',
  eval_log: 'eval-launch.log',
  eval_exit: 'eval-exit.txt',
  /** Written by stop-eval: an eval not yet past its prelude never runs the command. */
  eval_stop: 'eval-stop.txt',
  /** What a terminal in the run's worktree runs: the runner's prelude, then the user's shell. */
  terminal: 'terminal.sh',
} as const;

/**
 * What status.txt holds. `running` is written by the launcher at start; every other value is
 * final: `completed` (the agent exited 0), `launcher_failed` (it exited otherwise), `canceled`,
 * `timed_out` (stopped past the maximum run time).
 */
export const REMOTE_STATUSES = ['running', 'completed', 'launcher_failed', 'canceled', 'timed_out'] as const;
export type RemoteStatus = (typeof REMOTE_STATUSES)[number];

/**
 * What a poll reports for a run: a status file's value, `lost` (status says running but the
 * launcher is gone), or `none` (the directory exists but no status was ever written).
 */
export type PolledStatus = RemoteStatus | 'lost' | 'none';

/** The statuses Sortie may ask sortie_stop_run to record. */
export type StopStatus = Extract<RemoteStatus, 'canceled' | 'timed_out' | 'completed'>;

export function parseRemoteStatus(text: string): PolledStatus {
  const value = text.trim();
  if (value === '') return 'none';
  if (value === 'lost') return 'lost';
  return (REMOTE_STATUSES as readonly string[]).includes(value) ? (value as RemoteStatus) : 'launcher_failed';
}

/** The protocol's names as shell assignments, put in front of every script and the launcher. */
export function shellDefinitions(): string {
  const files = Object.entries(RUN_FILES).map(([key, name]) => `sortie_file_${key}=${name}`);
  const statuses = REMOTE_STATUSES.map((status) => `sortie_status_${status}=${status}`);
  return [...files, ...statuses].join('\n');
}
