/**
 * Where the core's events stood at a moment: which run of the core (a new id each time it
 * starts) and how many events it had published, a count that only grows. Every change the core
 * makes publishes an event in the same turn, so two reads at the same position saw the same
 * data, and a read at a lower position (or of another run) than a subscription may lack events
 * the subscription never brings.
 */
export interface EventsPosition {
  /** The run of the core: random hex, new each time it starts. */
  readonly host: string;
  readonly published: number;
}

export function formatEventsPosition(position: EventsPosition): string {
  return `${position.host} ${position.published}`;
}

/** The position a text tells, or null when there is none or it is not one. */
export function parseEventsPosition(text: string | null | undefined): EventsPosition | null {
  const match = /^([0-9a-f]{8,64}) (\d{1,15})$/.exec(text ?? '');
  return match ? { host: match[1]!, published: Number(match[2]) } : null;
}
