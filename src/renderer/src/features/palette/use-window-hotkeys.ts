import { useEffect } from 'react';
import { goBack } from '@renderer/lib/history-depth';
import { hasModifier, isTypingTarget } from '@renderer/lib/keys';
import { hrefFor, navPage, type Route } from '@renderer/lib/route';
import { closeLayer, openPalette, showShortcuts, usePaletteStore } from './palette-store';

/** A dialog or popover is open: its own keys (Esc closes it) come first. */
function modalOpen(): boolean {
  return document.querySelector('dialog[open], [popover]:popover-open') !== null;
}

function isPaletteKey(event: KeyboardEvent): boolean {
  return (
    (event.ctrlKey || event.metaKey) && !event.altKey && !event.shiftKey && event.key.toLowerCase() === 'k'
  );
}

/**
 * The window's own shortcuts, on every page: Ctrl/Cmd+K opens (or closes) the command palette,
 * even from a field; `?` lists the shortcuts; Esc goes back from a task or run page (a review page
 * has its own). The one-key ones wait while the user types or a dialog is open.
 */
export function useWindowHotkeys(route: Route): void {
  useEffect(() => {
    // The tray's quick-dispatch window is one field with keys of its own.
    if (route.page === 'quick') return;
    function onKeyDown(event: KeyboardEvent): void {
      if (event.defaultPrevented || event.isComposing) return;
      if (isPaletteKey(event)) {
        const layer = usePaletteStore.getState().layer;
        if (layer?.kind === 'palette') {
          event.preventDefault();
          closeLayer();
        } else if (!modalOpen()) {
          event.preventDefault();
          openPalette();
        }
        return;
      }
      if (event.repeat || hasModifier(event) || isTypingTarget(event.target) || modalOpen()) return;
      if (event.key === '?') {
        event.preventDefault();
        showShortcuts();
      } else if (event.key === 'Escape' && (route.page === 'task' || route.page === 'run')) {
        event.preventDefault();
        goBack(hrefFor(navPage(route)));
      }
    }
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [route]);
}
