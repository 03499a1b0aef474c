/**
 * Where the headless host's events stood (events-position.ts), as an HTTP header: the event
 * stream's response tells it as the stream subscribed; each call's answer, before the call was
 * handled. An answer from another run of the host, or with a lower count than the stream's, was
 * read before the stream subscribed: events between the two may be missing from the window, so
 * it reads again. A window can therefore read its lists while its stream opens.
 */
export const EVENTS_HEADER = 'x-sortie-events';
