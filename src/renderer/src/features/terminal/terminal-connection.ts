import { invoke, on } from '@renderer/api';
import { createInputQueue, toBase64 } from './terminal-input';

/** What a terminal panel does with its shell, however its bytes travel. */
export interface TerminalConnection {
  write(data: string): void;
  resize(cols: number, rows: number): void;
  /** The window lets go: the shell is hung up. */
  close(): void;
}

export interface TerminalHandlers {
  /** What the shell printed: text (events) or UTF-8 bytes (a socket). */
  output(data: string | Uint8Array): void;
  exit(exitCode: number | null): void;
}

/**
 * The headless host's way: the terminal's own WebSocket carries keystrokes and output both ways
 * (output printed before it connected is held for it); closing it closes the terminal.
 */
export function connectOverSocket(url: string, handlers: TerminalHandlers): TerminalConnection {
  const socket = new WebSocket(url);
  socket.binaryType = 'arraybuffer';
  let ended = false;
  const end = (exitCode: number | null) => {
    if (ended) return;
    ended = true;
    handlers.exit(exitCode);
  };
  socket.onmessage = (message: MessageEvent<ArrayBuffer | string>) => {
    if (typeof message.data !== 'string') {
      handlers.output(new Uint8Array(message.data));
      return;
    }
    const said = JSON.parse(message.data) as { type?: string; exitCode?: number | null };
    if (said.type === 'exit') end(typeof said.exitCode === 'number' ? said.exitCode : null);
  };
  socket.onclose = () => end(null);
  const encoder = new TextEncoder();
  const whenOpen = (send: () => void) => {
    if (socket.readyState === WebSocket.OPEN) send();
    else if (socket.readyState === WebSocket.CONNECTING)
      socket.addEventListener('open', send, { once: true });
  };
  return {
    write: (data) => whenOpen(() => socket.send(encoder.encode(data))),
    resize: (cols, rows) => whenOpen(() => socket.send(JSON.stringify({ type: 'resize', cols, rows }))),
    close: () => socket.close(1000),
  };
}

/**
 * The desktop window's way (and any transport without sockets): keystrokes as calls, in order;
 * output and the end as events; kept alive by a call every 30 s (a window that goes without
 * closing it lets the core close it after a while). Listening starts before the terminal is
 * open: what comes before its id is known is kept and replayed.
 */
export function listenForTerminalEvents() {
  const early: { id: string; data: string }[] = [];
  const earlyExits = new Map<string, number | null>();
  let bound: { id: string; handlers: TerminalHandlers } | null = null;
  const offOutput = on('terminal.output', ({ terminalId: id, data }) => {
    if (!bound) early.push({ id, data });
    else if (id === bound.id) bound.handlers.output(data);
  });
  const offExit = on('terminal.exited', ({ terminalId: id, exitCode }) => {
    if (!bound) earlyExits.set(id, exitCode);
    else if (id === bound.id) bound.handlers.exit(exitCode);
  });
  const stop = () => {
    offOutput();
    offExit();
  };
  return {
    /** Stops listening without a terminal (the open failed, or the panel went first). */
    dispose: stop,
    bind(terminalId: string, handlers: TerminalHandlers): TerminalConnection {
      let gone = false;
      bound = {
        id: terminalId,
        handlers: {
          output: handlers.output,
          exit: (exitCode) => {
            gone = true;
            handlers.exit(exitCode);
          },
        },
      };
      for (const chunk of early.splice(0)) if (chunk.id === terminalId) handlers.output(chunk.data);
      if (earlyExits.has(terminalId)) bound.handlers.exit(earlyExits.get(terminalId) ?? null);
      earlyExits.clear();
      const keystrokes = createInputQueue((data) =>
        invoke('terminals.input', { terminalId, data: toBase64(data) }),
      );
      const keepAlive = setInterval(() => {
        if (!gone) void invoke('terminals.keepAlive', { terminalIds: [terminalId] }).catch(() => undefined);
      }, 30_000);
      return {
        write: (data) => {
          if (!gone) keystrokes.push(data);
        },
        resize: (cols, rows) => {
          if (!gone) void invoke('terminals.resize', { terminalId, cols, rows }).catch(() => undefined);
        },
        close: () => {
          clearInterval(keepAlive);
          stop();
          if (!gone) void invoke('terminals.close', { terminalId }).catch(() => undefined);
          gone = true;
        },
      };
    },
  };
}
