/**
 * Where the headless host's events stood, in the header EVENTS_HEADER: which run of the host
 * (a new id each time it starts) and how many events it had published, a count that only grows.
 * The event stream's response tells it as the stream subscribed; each call's answer, before the
 * call was handled. An answer from another run of the host, or with a lower count than the
 * stream's, was read before the stream subscribed: events between the two may be missing from
 * the window, so it reads again. A window can therefore read its lists while its stream opens.
 */
export const EVENTS_HEADER = 'x-sortie-events';

export interface EventsPosition {
  /** The run of the host: random hex, new each time it starts. */
  readonly host: string;
  readonly published: number;
}

export function formatEventsPosition(position: EventsPosition): string {
  return `${position.host} ${position.published}`;
}

/** The position a header tells, or null when there is none or it is not one. */
export function parseEventsPosition(text: string | null | undefined): EventsPosition | null {
  const match = /^([0-9a-f]{8,64}) (\d{1,15})$/.exec(text ?? '');
  return match ? { host: match[1]!, published: Number(match[2]) } : null;
}
