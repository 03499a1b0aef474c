import { AppError } from '../../errors';
import type { RemoteHost, RunOptions, Script } from '../remote-host';
import type { ScriptResult } from '../shell-worker';

/** The exit code of a workspace script that refused a path outside the workspace root. */
export const REFUSED_PATH_EXIT = 65;

/** A script refused a path outside the workspace root, and changed nothing. */
export class RefusedPath extends AppError {
  constructor(message: string) {
    super('REMOTE_FAILED', message);
  }
}

/**
 * Runs a bundled script and answers its stdout; any other exit than 0 is an AppError that says
 * what the runner said (scriptFailure).
 */
export async function runScript(
  host: RemoteHost,
  script: Script,
  args: readonly string[],
  options: RunOptions = {},
): Promise<Buffer> {
  const result = await host.run(script, args, options);
  if (result.exitCode === 0) return result.stdout;
  throw scriptFailure(
    typeof script === 'string' ? script : script.name,
    result,
    options.timeoutMs ?? 120_000,
  );
}

/**
 * The error of a script that exited other than 0, in the words its stderr ended with. A refused
 * path says that nothing was changed; a script stopped on time says how long it had.
 */
export function scriptFailure(name: string, result: ScriptResult, timeoutMs: number): AppError {
  const said = result.stderr.toString('utf8').trim().split('\n').slice(-5).join('\n');
  if (result.exitCode === REFUSED_PATH_EXIT) {
    return new RefusedPath(
      `${name} refused to work outside the runner's workspace root, and changed nothing: ${said}`,
    );
  }
  if (result.exitCode === 124) {
    const limit = Math.round(timeoutMs / 1000);
    return new AppError(
      'REMOTE_FAILED',
      `${name} did not finish within ${limit} s and was stopped. A slow clone or network? Try again.`,
    );
  }
  return new AppError('REMOTE_FAILED', `${name} failed (exit ${result.exitCode})${said ? `: ${said}` : ''}`);
}
