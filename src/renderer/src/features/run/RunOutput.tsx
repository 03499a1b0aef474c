import {
  useId,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  type KeyboardEvent,
  type WheelEvent,
} from 'react';
import type { RunEvent } from '@shared/contract';
import { plural } from '@renderer/lib/format';
import { firstAfter, type RunLog } from '@renderer/stores/run-log';
import { INITIAL_FOLLOW, jumpToLatest, onScroll, onUserScrollUp, unseenCount } from './follow';
import { RunEntry } from './RunEntry';
import { foldCalls } from './run-calls';

/** Entries rendered at once; earlier ones come on request, so a long run opens without freezing. */
export const OUTPUT_WINDOW = 200;

const NO_EVENTS: readonly RunEvent[] = [];

export interface RunOutputProps {
  log: RunLog | undefined;
  /** Shown when there is nothing yet. */
  emptyText: string;
  /** The run is still going (its calls without an end may still be running). */
  live: boolean;
  /** The run's worktree ('' when unknown): file paths inside it are shown relative to it. */
  worktreePath: string;
  onRetry(): void;
}

/**
 * The run's timeline as readable entries. It sticks to the newest entry until the person scrolls
 * up, then stays put (with a "Jump to latest" button) while new entries arrive below.
 */
export function RunOutput({ log, emptyText, live, worktreePath, onRetry }: RunOutputProps) {
  const headingId = useId();
  // A command or tool call is one entry, however many events its start and end took.
  const folded = useMemo(() => foldCalls(log?.events ?? NO_EVENTS), [log?.events]);
  const events = folded.shown;
  const boxRef = useRef<HTMLDivElement>(null);
  const [follow, setFollow] = useState(INITIAL_FOLLOW);
  /** null: show the newest OUTPUT_WINDOW entries; else every entry from this seq on. */
  const [startSeq, setStartSeq] = useState<number | null>(null);
  /** Distance from the bottom to restore after earlier entries were put above. */
  const keepFromBottom = useRef<number | null>(null);

  const start =
    startSeq === null ? Math.max(0, events.length - OUTPUT_WINDOW) : firstAfter(events, startSeq - 1);
  const shown = events.slice(start);
  const unseen = unseenCount(follow, events.length);

  useLayoutEffect(() => {
    const box = boxRef.current;
    if (!box) return;
    if (keepFromBottom.current !== null) {
      box.scrollTop = box.scrollHeight - keepFromBottom.current;
      keepFromBottom.current = null;
    } else if (follow.following) {
      box.scrollTop = box.scrollHeight;
    }
  }, [events.length, start, follow.following]);

  /** The box's scroll metrics; null once it is gone (a scroll event can come after it left). */
  function metrics() {
    const box = boxRef.current;
    return box
      ? { scrollTop: box.scrollTop, scrollHeight: box.scrollHeight, clientHeight: box.clientHeight }
      : null;
  }

  function pauseWith(next: typeof follow): void {
    if (next === follow) return;
    setFollow(next);
    // Paused: keep the entries in view from sliding away as new ones arrive.
    if (!next.following && startSeq === null && events[start]) setStartSeq(events[start].seq);
    // Back at the bottom: return to showing the newest entries only.
    if (next.following && !follow.following) setStartSeq(null);
  }

  function handleScroll(): void {
    const m = metrics();
    if (m) pauseWith(onScroll(follow, m, events.length));
  }

  function scrolledUp(): void {
    const m = metrics();
    if (m) pauseWith(onUserScrollUp(follow, m, events.length));
  }

  function handleWheel(event: WheelEvent<HTMLDivElement>): void {
    if (event.deltaY < 0) scrolledUp();
  }

  function handleKey(event: KeyboardEvent<HTMLDivElement>): void {
    if (event.key === 'ArrowUp' || event.key === 'PageUp' || event.key === 'Home') scrolledUp();
  }

  function showEarlier(): void {
    const box = boxRef.current;
    if (box) keepFromBottom.current = box.scrollHeight - box.scrollTop;
    const from = events[Math.max(0, start - OUTPUT_WINDOW)];
    if (from) setStartSeq(from.seq);
    if (follow.following)
      setFollow({ following: false, lastTop: box?.scrollTop ?? 0, seenCount: events.length });
  }

  function jump(): void {
    setFollow(jumpToLatest(follow));
    setStartSeq(null);
    boxRef.current?.focus({ preventScroll: true });
  }

  const loading = log === undefined || (!log.loaded && log.error === '');

  return (
    <section className="run-output" aria-labelledby={headingId}>
      <div className="run-output-head">
        <h2 id={headingId}>Output</h2>
        <span className="muted">{plural(events.length, 'entry', 'entries')}</span>
        {loading && events.length > 0 ? (
          <span className="muted run-output-loading">
            <span className="spinner" aria-hidden="true" /> Loading history…
          </span>
        ) : null}
        <div className="spacer" />
        {/* Only a live run has new output to follow. */}
        {live ? (
          <span className={`run-follow ${follow.following ? 'run-follow-on' : ''}`}>
            {follow.following ? 'Following new output' : 'Paused'}
          </span>
        ) : null}
      </div>
      <div className="run-output-frame">
        <div
          ref={boxRef}
          className="run-output-box"
          role="log"
          aria-live={follow.following ? 'polite' : 'off'}
          aria-labelledby={headingId}
          tabIndex={0}
          onScroll={handleScroll}
          onWheel={handleWheel}
          onKeyDown={handleKey}
        >
          {log?.trimmed ? (
            <p className="run-trimmed" role="note">
              Older output was trimmed: the core keeps the newest part of a run’s output under its size cap.
            </p>
          ) : null}
          {start > 0 ? (
            <div className="run-earlier">
              <button type="button" className="button button-small" onClick={showEarlier}>
                Show {Math.min(OUTPUT_WINDOW, start)} earlier {start === 1 ? 'entry' : 'entries'}
              </button>
              <span className="muted">{plural(start, 'earlier entry', 'earlier entries')} not shown</span>
            </div>
          ) : null}
          {shown.length > 0 ? (
            <ol className="run-entries">
              {shown.map((event) => (
                <RunEntry
                  key={event.seq}
                  event={event}
                  ending={folded.endings.get(event.seq)}
                  live={live}
                  worktree={worktreePath}
                />
              ))}
            </ol>
          ) : loading ? (
            <p className="run-output-empty">
              <span className="spinner" aria-hidden="true" /> Loading output…
            </p>
          ) : (
            <p className="run-output-empty muted">{emptyText}</p>
          )}
          {log?.error ? (
            <div className="run-output-error" role="alert">
              <span>Could not load the output: {log.error}</span>
              <button type="button" className="button button-small" onClick={onRetry}>
                Try again
              </button>
            </div>
          ) : null}
        </div>
        {follow.following ? null : (
          <button type="button" className="button button-primary run-jump" onClick={jump}>
            Jump to latest{unseen > 0 ? ` (${unseen} new)` : ''}
          </button>
        )}
      </div>
    </section>
  );
}
