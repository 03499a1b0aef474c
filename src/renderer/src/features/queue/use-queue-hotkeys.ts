import { useEffect } from 'react';
import { hasModifier, isTypingTarget } from '@renderer/lib/keys';
import { isBoardKey } from '@renderer/stores/board-nav';

/** Focus is on no control: the page itself (or the main area the skip link focuses). */
function focusIsNowhere(target: EventTarget | null): boolean {
  return (
    target === document.body || target === document.documentElement || (target as Element)?.id === 'main'
  );
}

/**
 * The board's Tab stop: the card focused last while it is still shown, else the first card. The
 * board gives exactly one card link tabindex 0.
 */
function focusBoardTabStop(): boolean {
  const card =
    document.querySelector<HTMLElement>('[data-card-link][tabindex="0"]') ??
    document.querySelector<HTMLElement>('[data-card-link]');
  card?.focus();
  return card !== null;
}

/**
 * The queue's window shortcuts: `n` opens a new task, `/` goes to the search, and an arrow key
 * while nothing has focus goes to the board's first card (or the one last focused), so moving
 * between cards needs no Tab first. Not while typing, nor while a dialog or popover is open.
 */
export function useQueueHotkeys(handlers: { newTask(): void; focusSearch(): void }): void {
  const { newTask, focusSearch } = handlers;
  useEffect(() => {
    function onKeyDown(event: KeyboardEvent): void {
      if (event.defaultPrevented || event.repeat || hasModifier(event)) return;
      const arrow = isBoardKey(event.key) && event.key.startsWith('Arrow') && !event.shiftKey;
      if (event.key !== 'n' && event.key !== '/' && !arrow) return;
      if (isTypingTarget(event.target)) return;
      if (document.querySelector('dialog[open], [popover]:popover-open')) return;
      if (arrow) {
        // From a control (a button, a link) arrows keep their usual meaning, and the board its own.
        if (focusIsNowhere(event.target) && focusBoardTabStop()) event.preventDefault();
        return;
      }
      event.preventDefault();
      if (event.key === 'n') newTask();
      else focusSearch();
    }
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [newTask, focusSearch]);
}
