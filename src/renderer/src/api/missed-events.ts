/**
 * Tells when the window may have missed events from the headless host, so it reads again
 * (EVENTS_PUBLISHED_HEADER). The window reads its lists without waiting for the event stream to
 * open; an answer is whole only if the stream had subscribed before the call was handled, which
 * the host's counts tell: the stream's count (when it subscribed) against each answer's (before
 * the call was handled). A reopened stream always may have missed some: those sent while it was
 * down. Each reason is said once, however many answers share it.
 */
export interface MissedEvents {
  /**
   * A call is about to go out; returns what to do with its answer's count (null: the answer did
   * not say, or none came).
   */
  callStarted(): (answerPublished: number | null) => void;
  /** The stream opened, subscribed when the host had published `published` (null: not said). */
  streamOpened(published: number | null): void;
  /** The stream dropped: calls from now on are read without it. */
  streamClosed(): void;
}

export function trackMissedEvents(onMissed: () => void): MissedEvents {
  /** The open stream's count; null while none is open. */
  let streamPublished: number | null = null;
  let openedBefore = false;
  /** The lowest count of answers to calls made while no stream was open, not yet compared. */
  let earliestUnchecked: number | null = null;
  /** Said since the stream last opened: the reads that follow cover every answer before. */
  let said = false;
  const say = () => {
    if (said) return;
    said = true;
    onMissed();
  };

  return {
    callStarted() {
      const withStream = streamPublished !== null;
      return (answerPublished) => {
        // Made while the stream was open: every event after the call was handled comes on it.
        if (withStream) return;
        // A host that does not say is taken as one that answered long ago.
        const count = answerPublished ?? -1;
        if (streamPublished === null) earliestUnchecked = Math.min(earliestUnchecked ?? count, count);
        else if (count < streamPublished) say();
      };
    },
    streamOpened(published) {
      const reopened = openedBefore;
      openedBefore = true;
      streamPublished = published ?? Number.POSITIVE_INFINITY;
      const earliest = earliestUnchecked;
      earliestUnchecked = null;
      said = false;
      if (reopened || (earliest !== null && earliest < streamPublished)) say();
    },
    streamClosed() {
      streamPublished = null;
    },
  };
}
