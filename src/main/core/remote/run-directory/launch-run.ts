import { AppError } from '../../errors';
import type { RemoteHost } from '../remote-host';
import { REFUSED_PATH_EXIT, runScript } from '../workspace/run-script';

/** launch-run.sh's exit code when the run had been launched already. */
const ALREADY_LAUNCHED_EXIT = 3;

/**
 * Creates a run's directory inside the workspace root (make-run-dir.sh), before its files are
 * uploaded into it.
 */
export async function makeRunDir(host: RemoteHost, workspaceRoot: string, runDir: string): Promise<void> {
  await runScript(host, 'make-run-dir', [workspaceRoot, runDir]);
}

/**
 * Starts the uploaded launcher of a run detached (launch-run.sh). Answers once the launcher
 * recorded its pid, or with the error that kept it from starting. A transport error is thrown
 * as it is: the launcher may have started all the same, which only a later poll can tell.
 */
export async function launchRun(
  host: RemoteHost,
  workspaceRoot: string,
  runDir: string,
  worktree: string,
): Promise<{ started: true } | { started: false; error: AppError }> {
  const result = await host.run('launch-run', [workspaceRoot, runDir, worktree]);
  if (result.exitCode === 0) return { started: true };
  const said = result.stderr.toString('utf8').trim();
  const error =
    result.exitCode === ALREADY_LAUNCHED_EXIT
      ? new AppError('CONFLICT', said)
      : result.exitCode === REFUSED_PATH_EXIT
        ? new AppError('REMOTE_FAILED', `Refused to launch outside the workspace root: ${said}`)
        : new AppError('REMOTE_FAILED', said || `launch-run exited with ${result.exitCode}`);
  return { started: false, error };
}
