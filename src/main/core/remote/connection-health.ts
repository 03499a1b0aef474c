import type { ConnectionHealth } from '@shared/contract/runner-health';
import type { AppError } from '../errors';

export const UNKNOWN_HEALTH: ConnectionHealth = { state: 'unknown', code: null, message: null, at: null };

/**
 * A runner connection's last known health. Listeners hear of changes of state or error, not of
 * every call that worked again (a runner is polled every few seconds).
 */
export class HealthRecord {
  private health: ConnectionHealth = UNKNOWN_HEALTH;

  constructor(
    private readonly timestamp: () => string,
    private readonly onChange: (health: ConnectionHealth) => void = () => {},
  ) {}

  current(): ConnectionHealth {
    return this.health;
  }

  ok(): void {
    this.set({ state: 'ok', code: null, message: null, at: this.timestamp() });
  }

  failing(error: AppError): void {
    this.set({ state: 'failing', code: error.code, message: error.message, at: this.timestamp() });
  }

  /** Nothing known since the runner was saved, tested or reconnected. */
  reset(): void {
    this.set(UNKNOWN_HEALTH);
  }

  private set(next: ConnectionHealth): void {
    const before = this.health;
    this.health = next;
    if (before.state !== next.state || before.code !== next.code || before.message !== next.message) {
      this.onChange(next);
    }
  }
}
