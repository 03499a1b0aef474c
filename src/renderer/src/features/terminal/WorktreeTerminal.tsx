import { useEffect, useRef, useState } from 'react';
import { FitAddon } from '@xterm/addon-fit';
import { Terminal } from '@xterm/xterm';
import '@xterm/xterm/css/xterm.css';
import type { OpenTerminal } from '@shared/contract';
import { invoke, terminalStreamUrl, terminalsStreamOverSocket } from '@renderer/api';
import { errorMessage } from '@renderer/lib/errors';
import { showToast } from '@renderer/stores/ui';
import { connectOverSocket, listenForTerminalEvents, type TerminalConnection } from './terminal-connection';

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
 * One shell in a run's worktree on its runner, in xterm.js: keystrokes in, output out (over the
 * terminal's own socket on the headless host, as calls and events in the desktop window), the
 * size following the panel. Closed (the shell hung up) when the panel goes: with its page, or
 * its Close button.
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
    let connection: TerminalConnection | null = null;
    let unmounted = false;
    const handlers = {
      output: (data: string | Uint8Array) => term.write(data),
      exit: (exitCode: number | null) => {
        setEnded(exitCode === null ? 'The shell ended.' : `The shell exited with ${exitCode}.`);
        term.write('\r\n\x1b[2m[the shell ended]\x1b[0m\r\n');
      },
    };

    // Ctrl+Shift+C copies the selection (Ctrl+C is the shell's); pasting is the browser's own.
    term.attachCustomKeyEventHandler((event) => {
      if (event.type === 'keydown' && event.ctrlKey && event.shiftKey && event.code === 'KeyC') {
        const selection = term.getSelection();
        if (selection) void navigator.clipboard.writeText(selection).catch(() => undefined);
        return false;
      }
      return true;
    });
    const input = term.onData((data) => connection?.write(data));
    const resize = term.onResize(({ cols, rows }) => {
      // A panel being taken down may measure as nothing: no size to send then.
      if (cols >= 2 && rows >= 1) connection?.resize(cols, rows);
    });
    const observer = new ResizeObserver(() => fit.fit());
    observer.observe(element);

    // The headless host streams a terminal on a socket of its own; the desktop window by events.
    const overSocket = terminalsStreamOverSocket();
    const events = overSocket ? null : listenForTerminalEvents();
    invoke('terminals.open', {
      runId,
      cols: term.cols,
      rows: term.rows,
      stream: overSocket ? 'socket' : 'events',
    })
      .then((answer) => {
        if (unmounted) {
          events?.dispose();
          void invoke('terminals.close', { terminalId: answer.terminalId }).catch(() => undefined);
          return;
        }
        const url = terminalStreamUrl(answer.terminalId);
        connection = events ? events.bind(answer.terminalId, handlers) : connectOverSocket(url!, handlers);
        setOpened(answer);
        term.focus();
      })
      .catch((error: unknown) => {
        events?.dispose();
        setEnded(errorMessage(error));
      });

    return () => {
      unmounted = true;
      input.dispose();
      resize.dispose();
      observer.disconnect();
      connection?.close();
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
