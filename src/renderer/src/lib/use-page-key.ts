import { useEffect } from 'react';
import { hasModifier, isTypingTarget } from './keys';

/**
 * A one-key shortcut of the page shown (`/` to its main field, Esc to go back): not while typing
 * in a field, with a modifier held, or while a dialog or popover is open (Esc closes those).
 */
export function usePageKey(key: string, onKey: () => void): void {
  useEffect(() => {
    function onKeyDown(event: KeyboardEvent): void {
      if (event.key !== key || event.defaultPrevented || event.repeat || hasModifier(event)) return;
      if (isTypingTarget(event.target)) return;
      if (document.querySelector('dialog[open], [popover]:popover-open')) return;
      event.preventDefault();
      onKey();
    }
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [key, onKey]);
}
