import { useLayoutEffect, useRef, type MouseEvent } from 'react';
import { hrefFor, navigate } from '@renderer/lib/route';
import { useProjectsStore } from '@renderer/stores/projects';
import { showToast } from '@renderer/stores/ui';
import { CaptureMode } from './CaptureMode';
import { CommandList } from './CommandList';
import type { PaletteItem } from './palette-items';
import { closeLayer, openPalette, showNewTask, showShortcuts, type PaletteMode } from './palette-store';
import { ReviewMode } from './ReviewMode';

function choose(item: PaletteItem): void {
  if ('href' in item.target) {
    navigate(item.target.href);
    closeLayer();
    return;
  }
  switch (item.target.action) {
    case 'capture':
      openPalette('capture');
      return;
    case 'review':
      openPalette('review');
      return;
    case 'new-task':
      if (Object.keys(useProjectsStore.getState().byId).length > 0) {
        showNewTask();
      } else {
        // The queue offers "Add a project".
        closeLayer();
        showToast('info', 'Add a project first: every task belongs to one.');
        navigate(hrefFor('queue'));
      }
      return;
    case 'shortcuts':
      showShortcuts();
      return;
  }
}

/**
 * The command palette (Ctrl/Cmd+K): a modal whose field has the focus from the start. Esc or a
 * click outside closes it; Backspace in an empty field goes from a mode back to the commands.
 */
export function CommandPalette({ mode }: { mode: PaletteMode }) {
  const ref = useRef<HTMLDialogElement>(null);

  useLayoutEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) {
      dialog.showModal();
      dialog.querySelector('input')?.focus();
    }
    return () => dialog?.close();
  }, []);

  function onClick(event: MouseEvent<HTMLDialogElement>): void {
    // The dialog itself is hit only outside its content box: its backdrop.
    if (event.target === event.currentTarget) closeLayer();
  }

  const back = () => openPalette('commands');
  return (
    <dialog
      ref={ref}
      className="palette"
      aria-label="Command palette"
      onCancel={(event) => {
        event.preventDefault();
        closeLayer();
      }}
      onClick={onClick}
    >
      <div className="palette-body">
        {mode === 'commands' ? <CommandList onChoose={choose} /> : null}
        {mode === 'capture' ? <CaptureMode onBack={back} onDone={closeLayer} /> : null}
        {mode === 'review' ? <ReviewMode onBack={back} onDone={closeLayer} /> : null}
      </div>
    </dialog>
  );
}
