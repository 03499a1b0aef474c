import { useEffect } from 'react';
import { hasModifier, isTypingTarget } from '@renderer/lib/keys';

/**
 * The queue's window shortcuts: `n` opens a new task, `/` goes to the search. Not while typing,
 * nor while a dialog or popover is open.
 */
export function useQueueHotkeys(handlers: { newTask(): void; focusSearch(): void }): void {
  const { newTask, focusSearch } = handlers;
  useEffect(() => {
    function onKeyDown(event: KeyboardEvent): void {
      if (event.defaultPrevented || event.repeat || hasModifier(event)) return;
      if (event.key !== 'n' && event.key !== '/') return;
      if (isTypingTarget(event.target)) return;
      if (document.querySelector('dialog[open], [popover]:popover-open')) return;
      event.preventDefault();
      if (event.key === 'n') newTask();
      else focusSearch();
    }
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [newTask, focusSearch]);
}
