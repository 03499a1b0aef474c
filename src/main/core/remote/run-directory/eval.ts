import { composeScript } from '../compose-script';
import type { RemoteHost } from '../remote-host';
import { EVAL_LAUNCHER_SCRIPT } from '../scripts';
import { runScript } from '../workspace/run-script';
import { RUN_FILES } from './protocol';

export interface EvalStart {
  workspaceRoot: string;
  runDir: string;
  worktree: string;
  /** The user's eval command: uploaded as a file, run by bash in the worktree. */
  command: string;
  /** The runner's shell prelude, run before the command (PATH, toolchains). */
  prelude: string;
  timeoutMs: number;
}

/**
 * The eval launcher uploaded into a run directory: its pid is recorded before the prelude runs,
 * so a poll can tell a slow prelude from a launcher that died.
 */
export function composeEvalLauncher(prelude: string): string {
  return `printf '%s\\n' "$$" >"$1/${RUN_FILES.eval_pid}"\n${composeScript(prelude, EVAL_LAUNCHER_SCRIPT)}`;
}

/**
 * Starts a run's eval on the runner, detached (start-eval.sh). Starting it again (after a
 * restart) never runs it twice: the runner answers that it was started already.
 */
export async function startEval(host: RemoteHost, start: EvalStart): Promise<'started' | 'already'> {
  await Promise.all([
    host.upload(`${start.runDir}/${RUN_FILES.eval_script}`, `${start.command}\n`, { mode: 0o600 }),
    host.upload(`${start.runDir}/${RUN_FILES.eval_launcher}`, composeEvalLauncher(start.prelude), {
      mode: 0o700,
    }),
  ]);
  const out = await runScript(host, 'start-eval', [
    start.workspaceRoot,
    start.runDir,
    start.worktree,
    String(Math.ceil(start.timeoutMs / 1000)),
  ]);
  return out.toString('utf8').trim() === 'already' ? 'already' : 'started';
}

export type EvalState =
  | { state: 'none' | 'running' }
  | { state: 'lost'; log: string }
  | { state: 'done'; exitCode: number; stdout: string; stderr: string };

/** The eval state of several runs in one remote call (poll-evals.sh); outputs capped. */
export async function readEvals(
  host: RemoteHost,
  workspaceRoot: string,
  runDirs: readonly string[],
  capBytes: number,
): Promise<Map<string, EvalState>> {
  const states = new Map<string, EvalState>();
  if (runDirs.length === 0) return states;
  const out = await runScript(host, 'poll-evals', [workspaceRoot, String(capBytes), ...runDirs]);
  const frames = new Map<string, string>();
  let at = 0;
  while (at < out.length) {
    const end = out.indexOf(0x0a, at);
    if (end < 0) break;
    const header = /^([A-Z]+) (\d+) (\d+)$/.exec(out.subarray(at, end).toString('utf8'));
    if (!header) break;
    const size = Number(header[3]);
    frames.set(`${header[1]} ${header[2]}`, out.subarray(end + 1, end + 1 + size).toString('utf8'));
    at = end + 1 + size;
  }
  runDirs.forEach((dir, index) => {
    const get = (kind: string) => frames.get(`${kind} ${index}`) ?? '';
    const state = get('STATE');
    if (state === 'done') {
      const exit = get('EXIT').trim();
      states.set(dir, {
        state: 'done',
        exitCode: /^\d+$/.test(exit) ? Number(exit) : 1,
        stdout: get('STDOUT'),
        stderr: get('STDERR'),
      });
    } else if (state === 'lost') {
      states.set(dir, { state: 'lost', log: get('LOG') });
    } else {
      states.set(dir, { state: state === 'running' ? 'running' : 'none' });
    }
  });
  return states;
}

/** Stops a run's eval, or keeps it from starting (stop-eval.sh). */
export async function stopEval(host: RemoteHost, workspaceRoot: string, runDir: string): Promise<void> {
  await runScript(host, 'stop-eval', [workspaceRoot, runDir]);
}
