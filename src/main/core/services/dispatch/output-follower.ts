import type { Dispatch } from '@shared/contract';
import { adapterFor } from '../../agents';
import { hasElapsed, type Clock } from '../../clock';
import type { EventBus } from '../../events';
import type { Logger } from '../../logger';
import { startRunFollower, type FollowerFrame, type RemotePool, type RunFollower } from '../../remote';
import type { Repositories } from '../../repositories';
import { ingestOutput, OUTPUT_CAP_BYTES, recordSkipped } from './output';

/** Bytes of one pushed frame at most. */
const FRAME_BYTES = 64 * 1024;
/**
 * How long a runner's follower stays after its last run ended: the next run (often right after)
 * finds it up, and a launch never shares the runner with a follower starting.
 */
const LINGER_MS = 60_000;
/** Waits before starting a runner's follower again after it stopped, last one repeated. */
const RESTART_MS = [1_000, 2_000, 5_000, 10_000, 30_000];

export interface OutputFollowers {
  /**
   * Keeps one follower on each runner that has running runs, following exactly its running and
   * preparing ones (a follower is not started for a launch alone: it would compete with it); a
   * runner without any keeps its follower a minute more. Cheap when nothing changed (called
   * every loop).
   */
  sync(groups: ReadonlyMap<string | null, readonly Dispatch[]>): void;
  /** Whether the runner's follower is up: its runs' output is pushed, polls can be slower. */
  following(runnerId: string): boolean;
  stop(): void;
}

/** One followed run: the bytes pushed after its stored offset that do not make a line yet. */
interface FollowedRun {
  key: number;
  dispatchId: string;
  agent: Dispatch['agent'];
  runDir: string;
  /** The follower's offset after its last frame for this run; null until its first. */
  next: number | null;
  /**
   * The offset the follower was last told to start this run from, until its first frame from
   * there arrives: frames sent before it was told (already on their way) are dropped.
   */
  awaiting: number | null;
  pending: Buffer;
  pendingFrom: number;
}

interface RunnerFollower {
  follower: RunFollower | null;
  starting: boolean;
  /** Closed by sync (no runs left), not by a failure. */
  stopping: boolean;
  failures: number;
  /** When it last failed (null: never); it is started again a while after (RESTART_MS). */
  failedAt: number | null;
  runs: Map<string, FollowedRun>;
  byKey: Map<number, FollowedRun>;
  nextKey: number;
  /** Since when the runner has had no run to follow (null: it has some). */
  idleSince: number | null;
}

const followable = (run: Dispatch) =>
  run.runDir !== '' && (run.status === 'running' || run.status === 'preparing');

/**
 * Pushed output: per runner with active runs, one follower (follow-runs.sh on the runner's
 * pooled connection) pushes what the runs write as they write it. Pushed bytes go through the
 * same ingest as polled ones, which applies only what starts at the stored offset; a partial last
 * line waits here for its end. A gap (bytes pushed past the stored offset) makes the follower
 * start that run again from the stored offset. Status and result changes are handed to
 * `onChange`, which polls the runner at once: the poll stays the check of truth.
 */
export function createOutputFollowers(deps: {
  repos: Repositories;
  bus: EventBus;
  pool: RemotePool;
  logger: Logger;
  /** The core's clock: pushed output is stamped by it (counting back the age the runner gives). */
  clock: Clock;
  /** The longest chunk ingested at once (a longer line is taken as it is). */
  chunkLimit: number;
  /** Something of a followed run changed on the runner (its status, its result, the follower). */
  onChange(runnerId: string): void;
}): OutputFollowers {
  const now = () => deps.clock.now().getTime();

  function mayRestart(entry: RunnerFollower): boolean {
    if (entry.failedAt === null) return true;
    return hasElapsed(
      now(),
      entry.failedAt,
      RESTART_MS[Math.min(entry.failures - 1, RESTART_MS.length - 1)]!,
    );
  }
  const runners = new Map<string, RunnerFollower>();

  function follow(entry: RunnerFollower, run: FollowedRun) {
    const offset = deps.repos.dispatches.getOutputOffset(run.dispatchId) ?? 0;
    run.next = null;
    run.awaiting = offset;
    run.pending = Buffer.alloc(0);
    run.pendingFrom = offset;
    entry.follower?.follow(run.key, run.runDir, offset);
  }

  function onFrame(runnerId: string, entry: RunnerFollower, frame: FollowerFrame) {
    entry.failures = 0;
    const run = entry.byKey.get(frame.key);
    if (!run) return;
    if (frame.kind === 'status' || frame.kind === 'result') {
      deps.onChange(runnerId);
      return;
    }
    const start = frame.kind === 'skipped' ? frame.from : frame.offset;
    if (run.awaiting !== null) {
      if (start !== run.awaiting) return;
      run.awaiting = null;
    }
    if (frame.kind === 'skipped') {
      // A partial line waiting here belongs to the skipped part.
      const from = run.next === frame.from && run.pending.length > 0 ? run.pendingFrom : frame.from;
      const stored = recordSkipped(deps, run.dispatchId, from, frame.to);
      run.next = frame.to;
      run.pending = Buffer.alloc(0);
      run.pendingFrom = frame.to;
      if (stored !== null && stored < frame.to) follow(entry, run);
      return;
    }
    const contiguous = run.next === frame.offset && run.pending.length > 0;
    const from = contiguous ? run.pendingFrom : frame.offset;
    const data = contiguous ? Buffer.concat([run.pending, frame.bytes]) : frame.bytes;
    const ingested = ingestOutput(
      deps,
      run.dispatchId,
      adapterFor(run.agent),
      from,
      data,
      deps.chunkLimit,
      frame.writtenAt,
    );
    const stored = ingested.storedOffset;
    if (stored === null) return;
    if (stored < from) {
      // Bytes between the stored offset and this frame never arrived: from the stored offset again.
      follow(entry, run);
      return;
    }
    run.next = frame.offset + frame.bytes.length;
    run.pending = stored < from + data.length ? Buffer.from(data.subarray(stored - from)) : Buffer.alloc(0);
    run.pendingFrom = stored;
  }

  function start(runnerId: string, entry: RunnerFollower) {
    const runner = deps.repos.runners.get(runnerId);
    if (!runner) return;
    entry.starting = true;
    let follower: RunFollower | null = null;
    startRunFollower(
      deps.pool.host(runner),
      { capBytes: OUTPUT_CAP_BYTES, frameBytes: FRAME_BYTES },
      {
        now: () => deps.clock.now().getTime(),
        onFrame: (frame) => {
          if (entry.follower === follower) onFrame(runnerId, entry, frame);
        },
        onClose: (reason) => {
          if (entry.follower !== follower) return;
          entry.follower = null;
          if (entry.stopping) return;
          entry.failures++;
          entry.failedAt = now();
          deps.logger.info('run follower stopped', { runnerId, reason });
          // Whatever it did not push, the poll reads.
          deps.onChange(runnerId);
        },
      },
    )
      .then((started) => {
        entry.starting = false;
        if (entry.stopping) {
          started.close();
          return;
        }
        follower = started;
        entry.follower = started;
        for (const run of entry.runs.values()) follow(entry, run);
      })
      .catch((error: unknown) => {
        entry.starting = false;
        entry.failures++;
        entry.failedAt = now();
        deps.logger.info('run follower could not start', { runnerId, error: String(error) });
      });
  }

  function close(runnerId: string, entry: RunnerFollower) {
    entry.stopping = true;
    entry.follower?.close();
    entry.follower = null;
    runners.delete(runnerId);
  }

  return {
    sync(groups) {
      const wanted = new Map<string, readonly Dispatch[]>();
      for (const [runnerId, runs] of groups) {
        const active = runs.filter(followable);
        if (runnerId !== null && active.length > 0) wanted.set(runnerId, active);
      }
      for (const [runnerId, entry] of runners) {
        if (wanted.has(runnerId)) continue;
        for (const run of entry.runs.values()) entry.follower?.unfollow(run.key);
        entry.runs.clear();
        entry.byKey.clear();
        entry.idleSince ??= now();
        if (hasElapsed(now(), entry.idleSince, LINGER_MS) || !entry.follower) close(runnerId, entry);
      }
      for (const [runnerId, runs] of wanted) {
        let entry = runners.get(runnerId);
        if (entry) entry.idleSince = null;
        if (!entry) {
          // Started for a running run; a launch alone (preparing) waits.
          if (!runs.some((run) => run.status === 'running')) continue;
          entry = {
            follower: null,
            starting: false,
            stopping: false,
            failures: 0,
            failedAt: null,
            runs: new Map(),
            byKey: new Map(),
            nextKey: 1,
            idleSince: null,
          };
          runners.set(runnerId, entry);
        }
        const ids = new Set(runs.map((run) => run.id));
        for (const [id, run] of entry.runs) {
          if (ids.has(id)) continue;
          entry.runs.delete(id);
          entry.byKey.delete(run.key);
          entry.follower?.unfollow(run.key);
        }
        for (const dispatch of runs) {
          const known = entry.runs.get(dispatch.id);
          if (known && known.runDir === dispatch.runDir) continue;
          if (known) entry.byKey.delete(known.key);
          const run: FollowedRun = {
            key: entry.nextKey++,
            dispatchId: dispatch.id,
            agent: dispatch.agent,
            runDir: dispatch.runDir,
            next: null,
            awaiting: null,
            pending: Buffer.alloc(0),
            pendingFrom: 0,
          };
          entry.runs.set(dispatch.id, run);
          entry.byKey.set(run.key, run);
          if (known) entry.follower?.unfollow(known.key);
          follow(entry, run);
        }
        if (!entry.follower && !entry.starting && mayRestart(entry)) start(runnerId, entry);
      }
    },
    following(runnerId) {
      return runners.get(runnerId)?.follower != null;
    },
    stop() {
      for (const [runnerId, entry] of runners) close(runnerId, entry);
    },
  };
}
