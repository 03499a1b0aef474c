import type { EventPayload } from '@shared/contract';
import { HOST_UNREACHABLE_MESSAGE } from '@renderer/api/http-transport';
import { hrefFor, hrefForRun } from '@renderer/lib/route';

export type ToastKind = 'error' | 'warning' | 'info';

/** What a toast offers to do: go to a place in the window, or open a web page (a pull request). */
export type ToastAction =
  { readonly label: string; readonly href: string } | { readonly label: string; readonly url: string };

export interface Toast {
  readonly id: number;
  readonly kind: ToastKind;
  /** One short line. */
  readonly message: string;
  /** The rest of a long text, shown behind "Details"; null when the message says it all. */
  readonly details: string | null;
  /** How many times this message was shown while it was up (1 the first time). */
  readonly count: number;
  readonly action: ToastAction | null;
  /** A condition the toast reports (e.g. the host unreachable); cleared when it ends. */
  readonly condition: string | null;
}

/** What a caller gives; the rest is worked out (`composeToast`). */
export interface ToastInput {
  readonly kind: ToastKind;
  readonly text: string;
  readonly details?: string | null;
  readonly action?: ToastAction | null;
}

/** More than this and the oldest go: a burst of failures must not bury the window. */
export const MAX_TOASTS = 4;

/** Longer first lines are cut at a sentence (or a word) and the rest goes behind "Details". */
export const MAX_MESSAGE_LENGTH = 140;

/** The condition of a failed call to the headless host; it ends when the event stream is back. */
export const HOST_UNREACHABLE = 'host-unreachable';

/** A host-key problem is fixed on the Runners page, so its toast goes there. */
const HOST_KEY_TEXT = /\bhost key\b/i;
export const OPEN_RUNNER: ToastAction = { label: 'Open runner', href: hrefFor('runners') };

/** `text` as one short line and the rest. */
export function splitMessage(text: string): { message: string; rest: string | null } {
  const trimmed = text.trim();
  const newline = trimmed.indexOf('\n');
  const firstLine = newline === -1 ? trimmed : trimmed.slice(0, newline).trim();
  const afterLine = newline === -1 ? '' : trimmed.slice(newline + 1).trim();
  if (firstLine.length <= MAX_MESSAGE_LENGTH) {
    return { message: firstLine, rest: afterLine === '' ? null : afterLine };
  }
  const window = firstLine.slice(0, MAX_MESSAGE_LENGTH);
  const sentenceEnd = Math.max(window.lastIndexOf('. '), window.lastIndexOf(': '));
  const cut = sentenceEnd >= 40 ? sentenceEnd + 1 : Math.max(window.lastIndexOf(' '), 40);
  const message = `${firstLine.slice(0, cut).trim().replace(/:$/, '')}…`;
  // The details repeat the whole text, so nothing is lost by the cut.
  return { message, rest: trimmed };
}

/** A toast for `input`: short, with its details, its action and the condition it reports. */
export function composeToast(id: number, input: ToastInput): Toast {
  const { message, rest } = splitMessage(input.text);
  const details = [rest, input.details?.trim() || null].filter((part) => part !== null).join('\n\n') || null;
  const whole = `${input.text}\n${input.details ?? ''}`;
  const action = input.action ?? (HOST_KEY_TEXT.test(whole) ? OPEN_RUNNER : null);
  return {
    id,
    kind: input.kind,
    message,
    details,
    count: 1,
    action,
    // Also when a caller put its own words first ("Could not load tasks: Cannot reach …").
    condition: input.text.includes(HOST_UNREACHABLE_MESSAGE) ? HOST_UNREACHABLE : null,
  };
}

/** Whether `a` and `b` say the same: the same kind and line, or the same ongoing condition. */
function sameNews(a: Toast, b: Toast): boolean {
  if (a.condition !== null && a.condition === b.condition) return true;
  return a.kind === b.kind && a.message === b.message;
}

/**
 * Adds `toast`, newest last. A toast that says the same (`sameNews`) is not stacked again: the
 * new one takes its place counting one more, at the end, with its id (so it stays the same
 * element) while its lifetime starts over.
 */
export function addToast(list: readonly Toast[], toast: Toast): Toast[] {
  const same = list.find((t) => sameNews(t, toast));
  const others = list.filter((t) => t !== same);
  const added = same ? { ...toast, id: same.id, count: same.count + 1 } : toast;
  return [...others, added].slice(-MAX_TOASTS);
}

export function removeToast(list: readonly Toast[], id: number): Toast[] {
  return list.filter((t) => t.id !== id);
}

/** Drops the toasts that report `condition`, which has ended. */
export function clearCondition(list: readonly Toast[], condition: string): readonly Toast[] {
  return list.some((t) => t.condition === condition) ? list.filter((t) => t.condition !== condition) : list;
}

type Notice = EventPayload<'notification'>;

const NOTICE_KIND: Record<Notice['level'], ToastKind> = {
  success: 'info',
  warning: 'warning',
  error: 'error',
};

/**
 * A core notification as a toast: its title as the line, its body behind "Details". A link the
 * notice carries (a pull request, a submitted review) is an action, not text: the body's copy of
 * it is dropped. Without a link, the notice's run is the place to go.
 */
export function noticeToast(notice: Notice): ToastInput {
  const body = notice.url ? notice.body.split(notice.url).join('').trim() : notice.body.trim();
  const action: ToastAction | null = notice.url
    ? { label: notice.reviewId ? 'Open review' : 'Open pull request', url: notice.url }
    : notice.dispatchId
      ? { label: 'Open run', href: hrefForRun(notice.dispatchId) }
      : null;
  // A host-key failure is fixed on the Runners page, which beats opening the run.
  const hostKey = HOST_KEY_TEXT.test(`${notice.title}\n${body}`) && notice.level !== 'success';
  return {
    kind: NOTICE_KIND[notice.level],
    text: notice.title,
    details: body === '' ? null : body,
    action: hostKey ? OPEN_RUNNER : action,
  };
}
