import { useEffect } from 'react';
import { hasModifier, isTypingTarget } from '@renderer/lib/keys';

/** `n` anywhere on the page, unless the user is typing or a dialog is already open. */
export function useNewTaskHotkey(open: () => void): void {
  useEffect(() => {
    function onKeyDown(event: KeyboardEvent): void {
      if (event.key !== 'n' || event.defaultPrevented || event.repeat || hasModifier(event)) return;
      if (isTypingTarget(event.target) || document.querySelector('dialog[open]')) return;
      event.preventDefault();
      open();
    }
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [open]);
}
