/**
 * How many events the headless host had published, as a count that only grows: on the event
 * stream's response, when the stream subscribed; on each call's answer, before the call was
 * handled. An answer whose count is lower than the stream's was read before the stream
 * subscribed, so events between the two may be missing from the window: it reads again. A
 * window can therefore read its lists while the stream is still opening.
 */
export const EVENTS_PUBLISHED_HEADER = 'x-sortie-events-published';
