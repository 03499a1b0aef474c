import type { MouseEvent } from 'react';
import { openPalette, showShortcuts } from './palette-store';
import { commandKeyLabel } from './shortcuts';

/** A plain click opens the palette's capture; a new tab or window gets the standalone page. */
function openCapture(event: MouseEvent<HTMLAnchorElement>): void {
  if (event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) return;
  event.preventDefault();
  openPalette('capture');
}

/** The sidebar's way to what the keyboard opens: the palette, quick capture, the shortcuts. */
export function PaletteLaunchers() {
  const command = commandKeyLabel();
  return (
    <ul className="sidebar-tools" aria-label="Tools">
      <li>
        <button
          type="button"
          className="sidebar-tool"
          onClick={() => openPalette()}
          aria-keyshortcuts="Control+K Meta+K"
        >
          <span>Commands</span>
          <kbd aria-hidden="true">{command} K</kbd>
        </button>
      </li>
      <li>
        <a className="sidebar-tool" href="#/quick" onClick={openCapture}>
          <span>Quick capture</span>
        </a>
      </li>
      <li>
        <button type="button" className="sidebar-tool" onClick={showShortcuts} aria-keyshortcuts="?">
          <span>Keyboard shortcuts</span>
          <kbd aria-hidden="true">?</kbd>
        </button>
      </li>
    </ul>
  );
}
