import type { ErrorCode } from '@shared/contract/errors';
import type { AppError } from '../errors';

/**
 * Errors a retry is unlikely to fix by itself (the user has to change a key, a passphrase or
 * the known host key). They are still retried, after a longer delay, so a fix made elsewhere
 * (on the runner, in ~/.ssh) is picked up without anyone pressing a button.
 */
const PERMANENT: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  'AUTH_FAILED',
  'HOST_KEY_MISMATCH',
  'HOST_KEY_UNKNOWN',
  'PASSPHRASE_REQUIRED',
  'RUNNER_NOT_CONFIGURED',
  'VALIDATION_FAILED',
]);

export function isPermanent(error: AppError): boolean {
  return PERMANENT.has(error.code);
}

export interface RetryTiming {
  /** Delays before reconnect attempts after transient failures, last one repeated. */
  backoffMs: readonly number[];
  /** How long a permanent failure is answered at once, without a new attempt. */
  permanentRetryMs: number;
}

/**
 * When a runner's next connection attempt may start. Transient failures (network, a refused
 * channel) delay it by a growing backoff; permanent ones (auth, host key) are given back at once
 * until their longer delay has passed. Nothing is sticky: every failure expires, and `clear`
 * (the runner was saved, tested or reconnected) lifts it at once.
 */
export class RetryGate {
  private failures = 0;
  private nextAttemptAt = 0;
  private permanent: AppError | null = null;

  constructor(
    private readonly timing: RetryTiming,
    private readonly now: () => number,
  ) {}

  /** The permanent error to answer with instead of trying, while its delay lasts. */
  refusal(): AppError | null {
    if (this.permanent && this.now() < this.nextAttemptAt) return this.permanent;
    return null;
  }

  /** Milliseconds the next attempt has to wait (0: it may start now). */
  delayMs(): number {
    return Math.max(0, this.nextAttemptAt - this.now());
  }

  failed(error: AppError): void {
    if (isPermanent(error)) {
      this.permanent = error;
      this.nextAttemptAt = this.now() + this.timing.permanentRetryMs;
      return;
    }
    this.permanent = null;
    this.failures++;
    const { backoffMs } = this.timing;
    this.nextAttemptAt = this.now() + (backoffMs[Math.min(this.failures, backoffMs.length - 1)] ?? 0);
  }

  succeeded(): void {
    this.clear();
  }

  clear(): void {
    this.failures = 0;
    this.nextAttemptAt = 0;
    this.permanent = null;
  }
}
