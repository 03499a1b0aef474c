const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

export function formatTime(iso: string | null): string {
  if (!iso) return '—';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : dateTime.format(date);
}

export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}

const clock = new Intl.DateTimeFormat(undefined, { timeStyle: 'medium' });

/** Time of day of a Date.now() value, e.g. for "tested at". */
export function formatClock(ms: number): string {
  return clock.format(new Date(ms));
}
