import type { KeyboardEvent } from 'react';

/**
 * Ctrl/Cmd+Enter, not while an input method is composing: what sends from a multi-line field
 * (the follow-up and re-review requests, a review's extra instructions).
 */
export function isCtrlEnter(event: KeyboardEvent): boolean {
  return event.key === 'Enter' && (event.ctrlKey || event.metaKey) && !event.nativeEvent.isComposing;
}

/** A form's `onKeyDown`: Enter on a select submits too, as it does on a single-line input. */
export function submitOnSelectEnter(event: KeyboardEvent<HTMLFormElement>): void {
  if (event.key === 'Enter' && event.target instanceof HTMLSelectElement) {
    event.preventDefault();
    event.currentTarget.requestSubmit();
  }
}
