import { randomBytes } from 'node:crypto';
import { posix } from 'node:path';
import type { SFTPWrapper } from 'ssh2';

const NO_SUCH_FILE = 2;

/** SFTP paths are relative to the remote home, so `~/x` becomes `x`. */
export function sftpPath(remotePath: string): string {
  if (remotePath === '~') return '.';
  if (remotePath.startsWith('~/')) return remotePath.slice(2) || '.';
  return remotePath;
}

function call<T>(fn: (cb: (error: Error | null | undefined, value?: T) => void) => void): Promise<T> {
  return new Promise((resolve, reject) =>
    fn((error, value) => (error ? reject(error) : resolve(value as T))),
  );
}

const isMissing = (error: unknown) => (error as { code?: number }).code === NO_SUCH_FILE;

async function mkdirs(sftp: SFTPWrapper, dir: string): Promise<void> {
  if (dir === '.' || dir === '/' || dir === '') return;
  try {
    await call((cb) => sftp.mkdir(dir, { mode: 0o755 }, cb));
  } catch (error) {
    if (isMissing(error)) {
      await mkdirs(sftp, posix.dirname(dir));
      await call((cb) => sftp.mkdir(dir, { mode: 0o755 }, cb)).catch(() => undefined);
      return;
    }
    // Exists already (SFTP reports it as a generic failure), or a real problem the write will show.
  }
}

/**
 * Writes through a temporary name and renames over the target, so a reader never sees half a
 * file; the mode is set explicitly because the server's umask applies at creation.
 */
export async function sftpUpload(
  sftp: SFTPWrapper,
  remotePath: string,
  content: Buffer,
  mode: number,
): Promise<void> {
  const path = sftpPath(remotePath);
  const temp = `${path}.sortie-${randomBytes(4).toString('hex')}`;
  const write = () => call((cb) => sftp.writeFile(temp, content, { mode }, cb));
  try {
    await write();
  } catch (error) {
    if (!isMissing(error)) throw error;
    await mkdirs(sftp, posix.dirname(path));
    await write();
  }
  await call((cb) => sftp.chmod(temp, mode, cb));
  try {
    await call((cb) => sftp.ext_openssh_rename(temp, path, cb));
  } catch (error) {
    await call((cb) => sftp.unlink(temp, cb)).catch(() => undefined);
    throw error;
  }
}

export async function sftpRead(sftp: SFTPWrapper, remotePath: string): Promise<Buffer | null> {
  try {
    return await call<Buffer>((cb) => sftp.readFile(sftpPath(remotePath), cb));
  } catch (error) {
    if (isMissing(error)) return null;
    throw error;
  }
}
