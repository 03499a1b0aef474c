import type { Dispatch, RunChain, RunEvent } from '@shared/contract';
import { isCancellableDispatch } from '@shared/domain/dispatch';
import { isActiveChain } from '@shared/domain/iterate';
import type { SortieSession } from './session';

/** What a follow does with what it sees; each is called in order, once per thing. */
export interface FollowSink {
  event(event: RunEvent): void;
  runEnded(run: Dispatch): void;
  evalEnded(evalResult: RunChain['evals'][number]): void;
  /** The run being followed now (a chain moves on to the next iteration's). */
  following(runId: string): void;
}

/** Ends a follow when the user interrupts it. */
export class FollowInterrupted extends Error {}

/** How long a follow waits for an event before it looks anyway (events may be missed). */
const LOOK_EVERY_MS = 2000;
/** How often a followed run is marked as watched (the mark expires by itself). */
const WATCH_EVERY_MS = 20_000;
const EVENTS_PAGE = 500;

/**
 * Wake-ups for a follow's naps: `wake()` ends the nap going on (or the next one at once, when
 * it came while the follow was reading), so no event between two looks is slept through.
 */
function wakeUps(): { nap(ms: number, signal: AbortSignal): Promise<void>; wake(): void } {
  let pending = false;
  let waking: (() => void) | null = null;
  return {
    wake() {
      if (waking) waking();
      else pending = true;
    },
    nap(ms, signal) {
      return new Promise((resolve, reject) => {
        const finish = (error?: Error) => {
          clearTimeout(timer);
          signal.removeEventListener('abort', onAbort);
          waking = null;
          if (error) reject(error);
          else resolve();
        };
        const onAbort = () => finish(new FollowInterrupted());
        const timer = setTimeout(() => finish(), ms);
        if (signal.aborted) return onAbort();
        signal.addEventListener('abort', onAbort, { once: true });
        if (pending) {
          pending = false;
          return finish();
        }
        waking = () => finish();
      });
    },
  };
}

/**
 * Shows a run's timeline from `afterSeq` on, as it grows, until the run has ended (a run whose
 * runner cannot be reached is still followed: its agent may be working). Resolves with the ended
 * run; rejects with FollowInterrupted when `signal` aborts.
 */
export async function followRun(
  session: SortieSession,
  runId: string,
  sink: FollowSink,
  signal: AbortSignal,
  afterSeq = 0,
): Promise<Dispatch> {
  const wake = wakeUps();
  const stop = await session.listen((name, payload) => {
    const about =
      name === 'dispatch.updated'
        ? (payload as { dispatch: Dispatch }).dispatch.id
        : name === 'run.output'
          ? (payload as { dispatchId: string }).dispatchId
          : null;
    if (about === runId) wake.wake();
  });
  let last = afterSeq;
  let watchedAt = 0;
  const readNew = async () => {
    for (;;) {
      const page = await session.call('dispatches.events', {
        dispatchId: runId,
        afterSeq: last,
        limit: EVENTS_PAGE,
      });
      for (const event of page.events) {
        sink.event(event);
        last = event.seq;
      }
      if (page.events.length < EVENTS_PAGE) return;
    }
  };
  try {
    sink.following(runId);
    for (;;) {
      if (Date.now() - watchedAt > WATCH_EVERY_MS) {
        watchedAt = Date.now();
        await session.call('dispatches.watch', { dispatchId: runId, watching: true }).catch(() => undefined);
      }
      await readNew();
      const run = await session.call('dispatches.get', { id: runId });
      if (!isCancellableDispatch(run)) {
        await readNew();
        sink.runEnded(run);
        return run;
      }
      await wake.nap(LOOK_EVERY_MS, signal);
    }
  } finally {
    stop();
    await session.call('dispatches.watch', { dispatchId: runId, watching: false }).catch(() => undefined);
  }
}

/**
 * Follows a chain ("run until the eval passes") from its first run: each iteration's run, then
 * its eval, until the chain has ended. Resolves with the chain and its last run.
 */
export async function followChain(
  session: SortieSession,
  first: Dispatch,
  sink: FollowSink,
  signal: AbortSignal,
): Promise<{ chain: RunChain; run: Dispatch }> {
  const chainId = first.chainId!;
  const taskId = first.taskId!;
  let run = first;
  const shownEvals = new Set<string>();
  const wake = wakeUps();
  const stop = await session.listen((name, payload) => {
    if (name === 'chain.updated' && (payload as { chain: RunChain }).chain.id === chainId) wake.wake();
    if (name === 'dispatch.updated' && (payload as { dispatch: Dispatch }).dispatch.chainId === chainId)
      wake.wake();
  });
  try {
    for (;;) {
      run = await followRun(session, run.id, sink, signal);
      // The eval, then the next iteration's run or the chain's end.
      for (;;) {
        const chain = (await session.call('dispatches.chains', { taskId })).find((c) => c.id === chainId);
        if (!chain) throw new Error(`the chain ${chainId} is gone`);
        for (const result of chain.evals) {
          const key = `${result.dispatchId}:${result.iteration}`;
          if (shownEvals.has(key) || result.status === 'pending' || result.status === 'running') continue;
          shownEvals.add(key);
          sink.evalEnded(result);
        }
        if (!isActiveChain(chain.status)) return { chain, run };
        const next = (await session.call('dispatches.history', { taskId }))
          .filter((r) => r.chainId === chainId && (r.iteration ?? 0) > (run.iteration ?? 0))
          .sort((a, b) => (a.iteration ?? 0) - (b.iteration ?? 0))[0];
        if (next) {
          run = next;
          break;
        }
        await wake.nap(LOOK_EVERY_MS, signal);
      }
    }
  } finally {
    stop();
  }
}
