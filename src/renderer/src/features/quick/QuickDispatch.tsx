import { useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { invoke } from '@renderer/api';
import { errorMessage } from '@renderer/lib/errors';
import { hrefFor, navigate } from '@renderer/lib/route';
import { useSortedProjects } from '@renderer/stores/projects';
import { useSortedRunners } from '@renderer/stores/runners';
import { CapturePreviewView } from './CapturePreviewView';
import { completeFirstWord, suggestProjects } from './suggest';
import { useCapturePreview } from './use-capture-preview';

const AGENT_LABELS = { codex: 'Codex', claude: 'Claude Code' } as const;

/**
 * Esc: the tray's window closes. A browser tab that the page did not open cannot be closed by
 * it, so there the queue shows instead.
 */
function leave(): void {
  window.close();
  window.setTimeout(() => {
    if (!window.closed) navigate(hrefFor('queue'));
  }, 150);
}

/**
 * The tray's quick dispatch: one line, `<project> [prio high|medium|low] <what to do>`, which may
 * end with `--iterate N --eval <command>` to run until the eval passes. While it is typed, a line
 * shows what the core reads it as. Enter creates the task and queues its run on the default
 * runner, then the window closes; on an error nothing is created and the message shows under the
 * field. In a browser tab (the sidebar's Quick capture link opened in one) Esc goes to the queue.
 */
export function QuickDispatch() {
  const projects = useSortedProjects();
  const runner = useSortedRunners().find((r) => r.isDefault);
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [queued, setQueued] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [highlight, setHighlight] = useState(0);
  const input = useRef<HTMLInputElement>(null);
  const suggestions = useMemo(() => suggestProjects(note, projects), [note, projects]);
  const { preview, current } = useCapturePreview(note, true);

  const accept = (word: string) => {
    setNote(completeFirstWord(note, word));
    setHighlight(0);
    input.current?.focus();
  };

  const submit = async () => {
    if (busy || note.trim() === '') return;
    setBusy(true);
    setError(null);
    try {
      const { task } = await invoke('tasks.capture', { note, queue: true, source: 'tray' });
      setQueued(task.title);
      setNote('');
      // The tray's window is done; a browser tab stays, ready for the next line.
      window.close();
    } catch (failure) {
      setError(errorMessage(failure).replace(/^note: /, ''));
    } finally {
      setBusy(false);
    }
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Escape') {
      leave();
    } else if (event.key === 'Tab' && suggestions.length > 0) {
      event.preventDefault();
      accept(suggestions[Math.min(highlight, suggestions.length - 1)]!.word);
    } else if (event.key === 'ArrowDown' && suggestions.length > 0) {
      event.preventDefault();
      setHighlight((h) => (h + 1) % suggestions.length);
    } else if (event.key === 'ArrowUp' && suggestions.length > 0) {
      event.preventDefault();
      setHighlight((h) => (h - 1 + suggestions.length) % suggestions.length);
    } else if (event.key === 'Enter') {
      event.preventDefault();
      void submit();
    }
  };

  return (
    <main className="quick" aria-label="Quick dispatch">
      <label className="quick-label" htmlFor="quick-note">
        Quick dispatch
      </label>
      <input
        id="quick-note"
        ref={input}
        className="quick-input"
        autoFocus
        autoComplete="off"
        spellCheck={false}
        placeholder="api prio high fix the login timeout"
        value={note}
        disabled={busy}
        aria-invalid={error !== null}
        aria-describedby="quick-hint quick-iterate-hint quick-error"
        onChange={(event) => {
          setNote(event.target.value);
          setError(null);
          setQueued(null);
        }}
        onKeyDown={onKeyDown}
      />
      {suggestions.length > 0 ? (
        <ul className="quick-suggestions" role="listbox" aria-label="Projects">
          {suggestions.map((s, index) => (
            <li key={s.word} role="option" aria-selected={index === highlight}>
              <button
                type="button"
                tabIndex={-1}
                onMouseDown={(e) => e.preventDefault()}
                onClick={() => accept(s.word)}
              >
                {s.word}
                {s.word !== s.project ? <span className="quick-alias"> — {s.project}</span> : null}
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      <p id="quick-error" className="quick-error" role="alert">
        {error}
      </p>
      {/* No preview for an empty line: the hint says where runs go instead. */}
      {preview ? <CapturePreviewView preview={preview} stale={!current} inline /> : null}
      <p id="quick-hint" className="quick-hint" hidden={preview !== null}>
        {queued
          ? `Queued: ${queued}`
          : runner
            ? `Runs on ${runner.name} with ${AGENT_LABELS[runner.defaultAgent]} · Enter to queue · Esc to close`
            : 'No runner yet: add one in Sortie first · Esc to close'}
      </p>
      <p id="quick-iterate-hint" className="quick-hint">
        End with <code>--iterate 3 --eval npm test</code> to run until the eval passes.
      </p>
    </main>
  );
}
