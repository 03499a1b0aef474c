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
  capBytes: number;
}

/**
 * Starts a run's eval on the runner, detached (start-eval.sh). Starting it again (after a
 * restart) never runs it twice: the runner answers that it was started already.
 */
export async function startEval(host: RemoteHost, start: EvalStart): Promise<'started' | 'already'> {
  const launcher = composeScript(start.prelude, EVAL_LAUNCHER_SCRIPT);
  await Promise.all([
    host.upload(`${start.runDir}/${RUN_FILES.eval_script}`, `${start.command}\n`, { mode: 0o600 }),
    host.upload(`${start.runDir}/${RUN_FILES.eval_launcher}`, launcher, { mode: 0o700 }),
  ]);
  const out = await runScript(host, 'start-eval', [
    start.workspaceRoot,
    start.runDir,
    start.worktree,
    String(Math.ceil(start.timeoutMs / 1000)),
    String(start.capBytes),
  ]);
  return out.toString('utf8').trim() === 'already' ? 'already' : 'started';
}

export interface EvalState {
  /** Null while the eval goes on (or never started). */
  exitCode: number | null;
  stdout: string;
  stderr: string;
  /** What its launcher said (a failing prelude), for an eval that ended without running. */
  log: string;
}

/** The eval state of several runs in one remote call. */
export async function readEvals(
  host: RemoteHost,
  runDirs: readonly string[],
): Promise<Map<string, EvalState>> {
  const files = [RUN_FILES.eval_exit, RUN_FILES.eval_stdout, RUN_FILES.eval_stderr, RUN_FILES.eval_log];
  const read = await host.readRunFiles(runDirs, files);
  const states = new Map<string, EvalState>();
  for (const dir of runDirs) {
    const got = read.get(dir);
    const text = (name: string) => got?.get(name)?.toString('utf8') ?? '';
    const exit = text(RUN_FILES.eval_exit).trim();
    states.set(dir, {
      exitCode: /^\d+$/.test(exit) ? Number(exit) : null,
      stdout: text(RUN_FILES.eval_stdout),
      stderr: text(RUN_FILES.eval_stderr),
      log: text(RUN_FILES.eval_log),
    });
  }
  return states;
}

/** Stops a run's eval still going (stop-eval.sh); nothing happens when it is not running. */
export async function stopEval(host: RemoteHost, workspaceRoot: string, runDir: string): Promise<void> {
  await runScript(host, 'stop-eval', [workspaceRoot, runDir]);
}
