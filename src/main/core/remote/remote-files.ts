import { AppError } from '../errors';
import type { RunOptions } from './remote-host';
import type { ScriptName } from './scripts';
import type { ScriptResult } from './shell-worker';
import type { RemoteArg } from './worker-frame';

/** Runs one of the bundled file scripts on the runner's worker. */
export type FileScriptRunner = (
  name: Extract<ScriptName, 'write-file' | 'read-file'>,
  args: readonly RemoteArg[],
  options: RunOptions,
) => Promise<ScriptResult>;

const MISSING = Buffer.from('MISSING\n');
const FILE = Buffer.from('FILE\n');

/**
 * Writes a file through the worker: the bytes travel as the script's stdin (any byte, NUL
 * included, see worker-frame.ts), so an upload costs no channel and needs no SFTP subsystem.
 */
export async function writeRemoteFile(
  run: FileScriptRunner,
  where: string,
  remotePath: string,
  content: Buffer,
  mode: number,
): Promise<void> {
  if (!Number.isInteger(mode) || mode < 0 || mode > 0o7777) {
    throw new AppError('VALIDATION_FAILED', `${mode} is not a file mode`);
  }
  const result = await run('write-file', [remotePath, mode.toString(8).padStart(3, '0')], { input: content });
  if (result.exitCode !== 0) throw scriptFailed(`${where}: upload to ${remotePath}`, result);
}

/** Reads a file through the worker; null when nothing is at that path. */
export async function readRemoteFile(
  run: FileScriptRunner,
  where: string,
  remotePath: string,
  maxBytes: number,
): Promise<Buffer | null> {
  const result = await run('read-file', [remotePath], { maxOutputBytes: maxBytes + FILE.length });
  if (result.exitCode !== 0) throw scriptFailed(`${where}: read ${remotePath}`, result);
  if (result.stdout.equals(MISSING)) return null;
  if (!result.stdout.subarray(0, FILE.length).equals(FILE)) {
    throw new AppError('REMOTE_FAILED', `${where}: read ${remotePath}: the answer is not a file`);
  }
  if (result.truncated) {
    throw new AppError(
      'REMOTE_FAILED',
      `${where}: read ${remotePath}: the file is larger than ${maxBytes} bytes`,
    );
  }
  return result.stdout.subarray(FILE.length);
}

function scriptFailed(doing: string, result: ScriptResult): AppError {
  const stderr = result.stderr.toString('utf8').trim().split('\n').slice(-3).join('\n');
  return new AppError(
    'REMOTE_FAILED',
    `${doing} failed (exit ${result.exitCode})${stderr ? `: ${stderr}` : ''}`,
  );
}
