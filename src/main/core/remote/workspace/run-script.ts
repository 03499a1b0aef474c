import { AppError } from '../../errors';
import type { RemoteHost, RunOptions, Script } from '../remote-host';

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
 * what the runner said. A refused path says that nothing was changed.
 */
export async function runScript(
  host: RemoteHost,
  script: Script,
  args: readonly string[],
  options: RunOptions = {},
): Promise<Buffer> {
  const result = await host.run(script, args, options);
  if (result.exitCode === 0) return result.stdout;
  const name = typeof script === 'string' ? script : script.name;
  const said = result.stderr.toString('utf8').trim().split('\n').slice(-5).join('\n');
  if (result.exitCode === REFUSED_PATH_EXIT) {
    throw new RefusedPath(
      `${name} refused to work outside the runner's workspace root, and changed nothing: ${said}`,
    );
  }
  if (result.exitCode === 124) {
    const limit = Math.round((options.timeoutMs ?? 120_000) / 1000);
    throw new AppError(
      'REMOTE_FAILED',
      `${name} did not finish within ${limit} s and was stopped. A slow clone or network? Try again.`,
    );
  }
  throw new AppError('REMOTE_FAILED', `${name} failed (exit ${result.exitCode})${said ? `: ${said}` : ''}`);
}
