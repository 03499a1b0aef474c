import { useEffect, useRef, useState } from 'react';
import { FitAddon } from '@xterm/addon-fit';
import { Terminal } from '@xterm/xterm';
import '@xterm/xterm/css/xterm.css';
import type { OpenTerminal } from '@shared/contract';
import { invoke, on } from '@renderer/api';
import { errorMessage } from '@renderer/lib/errors';
import { showToast } from '@renderer/stores/ui';
import { createInputQueue, toBase64 } from './terminal-input';

/** Reads the app's colours, so the terminal follows the light or dark theme. */
function themeOf(element: HTMLElement) {
  const style = getComputedStyle(element);
  const pick = (name: string, fallback: string) => style.getPropertyValue(name).trim() || fallback;
  return {
    background: pick('--bg-sunken', '#111'),
    foreground: pick('--fg', '#ddd'),
    cursor: pick('--accent', '#6af'),
    selectionBackground: pick('--bg-selected', '#335'),
  };
}

/**
 * One shell in a run's worktree on its runner, in xterm.js: keystrokes go as `terminals.input`,
 * output comes as `terminal.output` events, the size follows the panel. Closed (the shell hung up)
 * when the panel goes: with its page, or its Close button.
 */
export function WorktreeTerminal({ runId, onClose }: { runId: string; onClose(): void }) {
  const screenRef = useRef<HTMLDivElement>(null);
  const [opened, setOpened] = useState<OpenTerminal | null>(null);
  const [ended, setEnded] = useState<string | null>(null);

  useEffect(() => {
    const element = screenRef.current!;
    const term = new Terminal({ cursorBlink: true, fontSize: 13, scrollback: 5000, theme: themeOf(element) });
    const fit = new FitAddon();
    term.loadAddon(fit);
    term.open(element);
    fit.fit();
    let terminalId: string | null = null;
    let gone = false;
    // Output and the end may come before the answer that names the terminal: kept, then replayed.
    const early: { id: string; data: string }[] = [];
    let earlyExits = new Map<string, number | null>();
    const ended = (exitCode: number | null) => {
      gone = true;
      setEnded(exitCode === null ? 'The shell ended.' : `The shell exited with ${exitCode}.`);
      term.write('\r\n\x1b[2m[the shell ended]\x1b[0m\r\n');
    };
    const keystrokes = createInputQueue((data) =>
      terminalId ? invoke('terminals.input', { terminalId, data: toBase64(data) }) : Promise.resolve(),
    );

    // Ctrl+Shift+C copies the selection (Ctrl+C is the shell's); pasting is the browser's own.
    term.attachCustomKeyEventHandler((event) => {
      if (event.type === 'keydown' && event.ctrlKey && event.shiftKey && event.code === 'KeyC') {
        const selection = term.getSelection();
        if (selection) void navigator.clipboard.writeText(selection).catch(() => undefined);
        return false;
      }
      return true;
    });

    const offOutput = on('terminal.output', ({ terminalId: id, data }) => {
      if (terminalId === null) early.push({ id, data });
      else if (id === terminalId) term.write(data);
    });
    const offExit = on('terminal.exited', ({ terminalId: id, exitCode }) => {
      if (terminalId === null) earlyExits.set(id, exitCode);
      else if (id === terminalId) ended(exitCode);
    });
    const input = term.onData((data) => {
      if (terminalId && !gone) keystrokes.push(data);
    });
    // The core closes a terminal no window keeps alive (a closed tab, a crash).
    const keepAlive = setInterval(() => {
      if (terminalId && !gone)
        void invoke('terminals.keepAlive', { terminalIds: [terminalId] }).catch(() => undefined);
    }, 30_000);
    const resize = term.onResize(({ cols, rows }) => {
      // A panel being taken down may measure as nothing: no size to send then.
      if (terminalId && !gone && cols >= 2 && rows >= 1)
        void invoke('terminals.resize', { terminalId, cols, rows }).catch(() => undefined);
    });
    const observer = new ResizeObserver(() => fit.fit());
    observer.observe(element);

    let unmounted = false;
    invoke('terminals.open', { runId, cols: term.cols, rows: term.rows })
      .then((answer) => {
        if (unmounted) {
          void invoke('terminals.close', { terminalId: answer.terminalId }).catch(() => undefined);
          return;
        }
        terminalId = answer.terminalId;
        for (const chunk of early.splice(0)) if (chunk.id === terminalId) term.write(chunk.data);
        setOpened(answer);
        if (earlyExits.has(terminalId)) ended(earlyExits.get(terminalId) ?? null);
        earlyExits = new Map();
        term.focus();
      })
      .catch((error: unknown) => {
        gone = true;
        setEnded(errorMessage(error));
      });

    return () => {
      unmounted = true;
      clearInterval(keepAlive);
      offOutput();
      offExit();
      input.dispose();
      resize.dispose();
      observer.disconnect();
      if (terminalId && !gone) void invoke('terminals.close', { terminalId }).catch(() => undefined);
      term.dispose();
    };
  }, [runId]);

  function copySshCommand(): void {
    if (!opened) return;
    navigator.clipboard
      .writeText(opened.sshCommand)
      .then(() => showToast('info', 'SSH command copied: paste it in your own terminal.'))
      .catch(() => showToast('error', `Copy this yourself: ${opened.sshCommand}`));
  }

  return (
    <section className="worktree-terminal" aria-label="Terminal">
      <header className="worktree-terminal-head">
        <span className="mono worktree-terminal-where" title={opened?.cwd}>
          {opened ? `${opened.runnerName}: ${opened.cwd}` : 'Connecting…'}
        </span>
        <span className="spacer" />
        {opened ? (
          <button
            type="button"
            className="button button-small"
            onClick={copySshCommand}
            title={opened.sshCommand}
          >
            Copy SSH command
          </button>
        ) : null}
        <button type="button" className="button button-small" onClick={onClose}>
          Close
        </button>
      </header>
      {ended ? (
        <p className="muted worktree-terminal-ended" role="status">
          {ended}
        </p>
      ) : null}
      <div className="worktree-terminal-screen" ref={screenRef} data-terminal-id={opened?.terminalId ?? ''} />
    </section>
  );
}
