import type { EventsPosition } from '@shared/contract/events-position';

/**
 * Tells when the window may have missed events from the headless host, so it reads again
 * (http-headers.ts, events-position.ts). The window reads its lists without waiting for the event stream to open;
 * an answer is whole only if the stream had subscribed before the call was handled, on the same
 * run of the host, which the positions tell: the stream's (as it subscribed) against each
 * answer's (before its call was handled). A reopened stream always may have missed some: those
 * sent while it was down. Each reason is said once per opening, however many answers share it.
 */
export interface MissedEvents {
  /**
   * A call is about to go out; returns what to do with its answer's position (null: the answer
   * did not say, or none came).
   */
  callStarted(): (answer: EventsPosition | null) => void;
  /** The stream opened at `position` (null: it did not say). */
  streamOpened(position: EventsPosition | null): void;
  /** The stream dropped: calls from now on are read without it. */
  streamClosed(): void;
}

/** Whether an answer read at `answer` may lack events the stream opened at `stream` never sends. */
function readBefore(answer: EventsPosition | null, stream: EventsPosition | null): boolean {
  return (
    answer === null || stream === null || answer.host !== stream.host || answer.published < stream.published
  );
}

export function trackMissedEvents(onMissed: () => void): MissedEvents {
  /** The open stream's position; undefined while none is open (null: it did not say). */
  let stream: EventsPosition | null | undefined;
  let openedBefore = false;
  /** Answers to calls made while no stream was open, not yet compared with one. */
  let unchecked: (EventsPosition | null)[] = [];
  /** Said since the stream last opened: the reads that follow cover every answer before. */
  let said = false;
  const say = () => {
    if (said) return;
    said = true;
    onMissed();
  };

  return {
    callStarted() {
      const withStream = stream !== undefined;
      return (answer) => {
        // Made while the stream was open: every event after the call was handled comes on it.
        if (withStream) return;
        if (stream === undefined) unchecked.push(answer);
        else if (readBefore(answer, stream)) say();
      };
    },
    streamOpened(position) {
      const reopened = openedBefore;
      openedBefore = true;
      stream = position;
      const answers = unchecked;
      unchecked = [];
      said = false;
      if (reopened || answers.some((answer) => readBefore(answer, position))) say();
    },
    streamClosed() {
      stream = undefined;
    },
  };
}
