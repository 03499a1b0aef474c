import { useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { invoke } from '@renderer/api';
import { explainError } from '@renderer/components/error-advice';
import { CapturePreviewView } from '@renderer/features/quick/CapturePreviewView';
import { completeFirstWord, suggestProjects } from '@renderer/features/quick/suggest';
import { useCapturePreview } from '@renderer/features/quick/use-capture-preview';
import { useSortedProjects } from '@renderer/stores/projects';
import { showToast } from '@renderer/stores/ui';

/**
 * Quick capture in the palette: the tray's one line (`api prio high fix the login timeout`,
 * optionally ending `--iterate 3 --eval npm test`), with a live preview of what it becomes.
 * Enter creates the task and queues its run; Shift+Enter only adds it to the backlog.
 */
export function CaptureMode({ onBack, onDone }: { onBack(): void; onDone(): void }) {
  const projects = useSortedProjects();
  const [note, setNote] = useState('');
  const [pending, setPending] = useState(false);
  const [failure, setFailure] = useState('');
  const input = useRef<HTMLInputElement>(null);
  const { preview, current, failure: previewFailure } = useCapturePreview(note, true);
  const suggestions = useMemo(() => suggestProjects(note, projects), [note, projects]);

  useLayoutEffect(() => input.current?.focus(), []);

  function capture(queue: boolean): void {
    if (pending || note.trim() === '') return;
    setPending(true);
    setFailure('');
    invoke('tasks.capture', { note, queue, source: 'app' })
      .then(({ task, dispatch }) => {
        showToast('info', dispatch ? `Queued “${task.title}”.` : `Added “${task.title}” to the backlog.`);
        onDone();
      })
      .catch((error: unknown) => {
        setFailure(explainError(error).replace(/^note: /, ''));
        setPending(false);
        input.current?.focus();
      });
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>): void {
    if (event.nativeEvent.isComposing) return;
    if (event.key === 'Enter') {
      event.preventDefault();
      capture(!event.shiftKey);
    } else if (event.key === 'Tab' && !event.shiftKey && suggestions.length > 0) {
      event.preventDefault();
      setNote(completeFirstWord(note, suggestions[0]!.word));
    } else if (event.key === 'Backspace' && note === '') {
      event.preventDefault();
      onBack();
    }
  }

  return (
    <>
      <div className="palette-field">
        <span className="palette-mode">Quick capture</span>
        <input
          ref={input}
          className="palette-input"
          aria-label="Quick capture line"
          aria-describedby="palette-capture-hint"
          placeholder="api prio high fix the login timeout"
          autoComplete="off"
          spellCheck={false}
          value={note}
          disabled={pending}
          onChange={(event) => {
            setNote(event.target.value);
            setFailure('');
          }}
          onKeyDown={onKeyDown}
        />
      </div>
      {suggestions.length > 0 ? (
        <p className="palette-hint">
          Tab completes <strong>{suggestions[0]!.word}</strong>
          {suggestions.length > 1
            ? ` (also ${suggestions
                .slice(1)
                .map((s) => s.word)
                .join(', ')})`
            : ''}
        </p>
      ) : null}
      {preview ? <CapturePreviewView preview={preview} stale={!current} /> : null}
      {failure || previewFailure ? (
        <p className="capture-preview-problem" role="alert">
          {failure || previewFailure}
        </p>
      ) : null}
      <p id="palette-capture-hint" className="palette-hint">
        <kbd>Enter</kbd> creates the task and queues its run · <kbd>Shift Enter</kbd> adds it to the backlog
        only · end with <code>--iterate 3 --eval npm test</code> to run until the eval passes
      </p>
    </>
  );
}
