import { AppError } from '../errors';

/** Turns what ssh2 or the socket reported into an error that says what to do. */
export function connectionError(error: unknown, where: string): AppError {
  if (error instanceof AppError) return error;
  const err = error as Error & { level?: string; code?: string };
  const message = err?.message ?? String(error);
  if (err?.level === 'client-authentication') {
    return new AppError(
      'AUTH_FAILED',
      `${where} refused every key offered (${message}). Check the runner's user and key, and that the ` +
        `public key is in the remote ~/.ssh/authorized_keys.`,
    );
  }
  if (err?.level === 'client-timeout') {
    return new AppError(
      'REMOTE_FAILED',
      `${where} did not answer the SSH handshake in time. Is the machine up?`,
    );
  }
  const code = err?.code;
  if (code === 'ECONNREFUSED') {
    return new AppError(
      'REMOTE_FAILED',
      `${where} refused the connection: no SSH server is listening there.`,
    );
  }
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
    return new AppError(
      'REMOTE_FAILED',
      `${where}: the host name cannot be resolved. Check the runner's host.`,
    );
  }
  if (code === 'EHOSTUNREACH' || code === 'ENETUNREACH' || code === 'ETIMEDOUT') {
    return new AppError('REMOTE_FAILED', `${where} cannot be reached (${code}). Check the network or VPN.`);
  }
  return new AppError('REMOTE_FAILED', `${where}: ${message}`);
}

/**
 * Whether ssh2 reported that the server would not open a channel (SSH_MSG_CHANNEL_OPEN_FAILURE,
 * e.g. OpenSSH past its MaxSessions), as opposed to a channel that opened and then failed.
 */
export function isChannelRefusal(error: unknown): boolean {
  return error instanceof Error && error.message.startsWith('(SSH) Channel open failure');
}
