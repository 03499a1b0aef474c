import type { ShellWorker } from './shell-worker';

export interface WorkerPoolOptions {
  /** Channels this pool may hold at once: the configured maximum, or a limit learned before. */
  limit: number;
  /** Opens one channel on the connection and starts a worker on it. */
  open(): Promise<ShellWorker>;
  /** Whether an error from `open` is the server refusing another channel (its MaxSessions). */
  isRefusal(error: unknown): boolean;
  /** Told when a refusal lowered the limit. */
  onLimitLearned?(limit: number): void;
}

export class WorkerPoolClosed extends Error {}

/**
 * The warm workers of one SSH connection. A caller gets an idle worker, or a new one while the
 * pool is under its limit, or else waits for one to come back. When the server refuses a channel
 * although others are open, the number open at that moment becomes the limit: callers then
 * queue for the workers there are instead of failing (a refusal with nothing open is an error).
 */
export class WorkerPool {
  private readonly idle: ShellWorker[] = [];
  private readonly live = new Set<ShellWorker>();
  private readonly waiters: ((worker: ShellWorker | null) => void)[] = [];
  private opening = 0;
  /** Workers `warmTo` is opening that no caller waits for yet. */
  private warming = 0;
  private closed = false;
  private currentLimit: number;

  constructor(private readonly options: WorkerPoolOptions) {
    this.currentLimit = Math.max(1, options.limit);
  }

  get limit(): number {
    return this.currentLimit;
  }

  /** Workers open now (busy or idle). */
  get size(): number {
    return this.live.size;
  }

  async acquire(): Promise<ShellWorker> {
    for (;;) {
      if (this.closed) throw new WorkerPoolClosed('the connection was closed');
      const idle = this.idle.pop();
      if (idle) {
        if (!idle.closed) return idle;
        continue;
      }
      // A warm worker on its way that no one waits for yet is sooner than a channel opened now,
      // and a burst right after connecting then opens no channels beyond the warm ones.
      if (this.warming <= this.waiters.length && this.live.size + this.opening < this.currentLimit) {
        const opened = await this.openOne();
        if (opened) return opened;
        continue;
      }
      const handed = await new Promise<ShellWorker | null>((resolve) => this.waiters.push(resolve));
      if (handed && !handed.closed) return handed;
    }
  }

  /**
   * Gives a worker back. The idle workers are a stack, so the next caller gets the one used last:
   * it knows the scripts of recent calls already. A worker opened by `warmTo` goes underneath.
   */
  release(worker: ShellWorker, fresh = false): void {
    if (worker.closed || this.closed) {
      this.wakeOne();
      return;
    }
    const waiter = this.waiters.shift();
    if (waiter) waiter(worker);
    else if (fresh) this.idle.unshift(worker);
    else this.idle.push(worker);
  }

  /** Opens workers in the background until `size` are open, within the limit; failures are quiet. */
  warmTo(size: number): void {
    const target = Math.min(size, this.currentLimit);
    while (this.live.size + this.opening < target) {
      this.warming++;
      // Whatever comes of it, a caller waiting for it looks again (idle, open, or wait).
      void this.openOne().then(
        (worker) => {
          this.warming--;
          if (worker) this.release(worker, true);
          else this.wakeOne();
        },
        () => {
          this.warming--;
          this.wakeOne();
        },
      );
    }
  }

  /** Closes every worker; callers waiting for one get WorkerPoolClosed. */
  close(): void {
    this.closed = true;
    for (const worker of this.live) worker.close();
    this.idle.length = 0;
    for (const waiter of this.waiters.splice(0)) waiter(null);
  }

  /** A new worker, or null when the server refused the channel and the limit was lowered. */
  private async openOne(): Promise<ShellWorker | null> {
    this.opening++;
    try {
      const worker = await this.options.open();
      if (this.closed) {
        worker.close();
        throw new WorkerPoolClosed('the connection was closed');
      }
      this.live.add(worker);
      worker.onClose(() => {
        this.live.delete(worker);
        // Someone waiting can now open a channel of its own.
        this.wakeOne();
      });
      return worker;
    } catch (error) {
      // Channels open or about to be: everyone else counted by `opening` besides this one.
      const others = this.live.size + this.opening - 1;
      if (!this.closed && this.options.isRefusal(error) && others > 0) {
        if (others < this.currentLimit) {
          this.currentLimit = others;
          this.options.onLimitLearned?.(others);
        }
        return null;
      }
      // A caller queued behind this attempt may try for itself (and see the error itself).
      this.wakeOne();
      throw error;
    } finally {
      this.opening--;
    }
  }

  private wakeOne(): void {
    this.waiters.shift()?.(null);
  }
}
