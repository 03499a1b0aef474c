import { StringDecoder } from 'node:string_decoder';
import type { OpenTerminal } from '@shared/contract';
import { hasWorktreeToShow } from '@shared/domain/dispatch';
import { AppError, notFound } from '../../errors';
import type { EventBus } from '../../events';
import type { IdSource } from '../../ids';
import type { Logger } from '../../logger';
import {
  RUN_FILES,
  sshCommand,
  terminalCommand,
  terminalScript,
  type RemotePool,
  type RemoteShell,
  type ShellSize,
} from '../../remote';
import type { Repositories } from '../../repositories';

/**
 * At most this many terminals per runner: each is a session of the runner's shared connection,
 * next to its (at most 8) run workers, and OpenSSH allows 10 sessions by default.
 */
export const MAX_TERMINALS_PER_RUNNER = 2;
/** A terminal no window kept alive for this long (a closed tab, a crashed window) is closed. */
export const TERMINAL_LEASE_MS = 90_000;
const SWEEP_MS = 30_000;
/** Output is sent at most this often per terminal (a burst becomes one event, not thousands). */
const OUTPUT_BATCH_MS = 8;

/** Where a terminal's output goes: the event bus, or the one socket that streams it. */
export type TerminalStreamKind = 'events' | 'socket';

/** A socket streaming one terminal (the headless host's WebSocket). */
export interface TerminalSink {
  data(text: string): void;
  exit(exitCode: number | null): void;
}

/** Output a socket terminal keeps until its socket attaches; past it the oldest goes. */
const HELD_OUTPUT_CHARS = 256 * 1024;

interface Open {
  runnerId: string;
  stream: TerminalStreamKind;
  /** The socket streaming it, once attached (socket terminals only). */
  sink: TerminalSink | null;
  /** Output of a socket terminal before its socket attached. */
  held: string;
  shell: RemoteShell;
  /** When a window last showed it was still there (open, input, resize, keep-alive). */
  seenAt: number;
  decoder: StringDecoder;
  pending: string;
  timer: NodeJS.Timeout | null;
}

/**
 * Shells in runs' worktrees (issue 12): each is a PTY channel on the runner's pooled connection,
 * after the runner's prelude, in the worktree Sortie laid out. Its output goes out as
 * `terminal.output` events; it is closed by its window, by `terminals.close`, or with the core.
 */
export function createTerminalService(deps: {
  repos: Repositories;
  pool: RemotePool;
  bus: EventBus;
  ids: IdSource;
  logger: Logger;
}) {
  const { repos, pool, bus } = deps;
  const open = new Map<string, Open>();

  function flush(terminalId: string): void {
    const terminal = open.get(terminalId);
    if (!terminal) return;
    terminal.timer = null;
    if (terminal.pending === '') return;
    const data = terminal.pending;
    terminal.pending = '';
    if (terminal.stream === 'events') bus.publish('terminal.output', { terminalId, data });
    else if (terminal.sink) terminal.sink.data(data);
    else terminal.held = (terminal.held + data).slice(-HELD_OUTPUT_CHARS);
  }

  function held(terminalId: string): Open {
    const terminal = open.get(terminalId);
    if (!terminal) throw notFound('Terminal', terminalId);
    terminal.seenAt = Date.now();
    return terminal;
  }

  // Closes terminals no window vouches for any more; runs only while some are open.
  let sweeper: NodeJS.Timeout | null = null;
  function sweep(now = Date.now()): void {
    for (const [terminalId, terminal] of open) {
      // A streaming socket is its window: while it is connected, the terminal is kept.
      if (!terminal.sink && now - terminal.seenAt > TERMINAL_LEASE_MS) {
        deps.logger.info('closing a terminal no window kept', { terminalId });
        terminal.shell.close();
      }
    }
    if (open.size === 0 && sweeper) {
      clearInterval(sweeper);
      sweeper = null;
    }
  }

  return {
    async open(input: { runId: string; stream?: TerminalStreamKind } & ShellSize): Promise<OpenTerminal> {
      const run = repos.dispatches.get(input.runId);
      if (!run) throw notFound('Run', input.runId);
      if (!hasWorktreeToShow(run) || run.runDir === '') {
        throw new AppError('CONFLICT', 'This run has no worktree yet: open a terminal once it is prepared.');
      }
      const runner = run.runnerId ? repos.runners.get(run.runnerId) : null;
      if (!runner)
        throw new AppError('CONFLICT', 'The runner of this run was removed: there is no worktree to open.');
      if ([...open.values()].filter((t) => t.runnerId === runner.id).length >= MAX_TERMINALS_PER_RUNNER) {
        throw new AppError(
          'CONFLICT',
          `${MAX_TERMINALS_PER_RUNNER} terminals are open on ${runner.name} already: close one first.`,
        );
      }
      const host = pool.host(runner);
      // The script goes as a file: the command sshd runs holds only paths Sortie laid out.
      const script = `${run.runDir}/${RUN_FILES.terminal}`;
      await host.upload(script, terminalScript(runner.shellPrelude), { mode: 0o700 });
      const shell = await host.openShell(terminalCommand(script, run.worktreePath), {
        cols: input.cols,
        rows: input.rows,
      });
      const terminalId = deps.ids.next('terminal');
      const terminal: Open = {
        runnerId: runner.id,
        stream: input.stream ?? 'events',
        sink: null,
        held: '',
        shell,
        seenAt: Date.now(),
        decoder: new StringDecoder('utf8'),
        pending: '',
        timer: null,
      };
      open.set(terminalId, terminal);
      sweeper ??= setInterval(() => sweep(), SWEEP_MS);
      sweeper.unref?.();
      shell.onData((chunk) => {
        terminal.pending += terminal.decoder.write(chunk);
        terminal.timer ??= setTimeout(() => flush(terminalId), OUTPUT_BATCH_MS);
      });
      shell.onExit((exitCode) => {
        terminal.pending += terminal.decoder.end();
        if (terminal.timer) clearTimeout(terminal.timer);
        flush(terminalId);
        open.delete(terminalId);
        if (terminal.stream === 'events') bus.publish('terminal.exited', { terminalId, exitCode });
        else terminal.sink?.exit(exitCode);
      });
      const target = pool.targetOf(runner);
      return {
        terminalId,
        runnerName: runner.name,
        cwd: run.worktreePath,
        sshCommand: sshCommand({ host: runner.host, port: target.port, user: target.user }, run.worktreePath),
      };
    },
    input({ terminalId, data }: { terminalId: string; data: string }): Record<string, never> {
      held(terminalId).shell.write(Buffer.from(data, 'base64'));
      return {};
    },
    /** Keystrokes as bytes (a terminal stream's binary message). */
    write(terminalId: string, bytes: Buffer): void {
      held(terminalId).shell.write(bytes);
    },
    resize({ terminalId, cols, rows }: { terminalId: string } & ShellSize): Record<string, never> {
      held(terminalId).shell.resize(cols, rows);
      return {};
    },
    /** Closing one that already ended is fine: the window may not have heard yet. */
    close({ terminalId }: { terminalId: string }): Record<string, never> {
      open.get(terminalId)?.shell.close();
      return {};
    },
    /**
     * Streams a socket terminal to `sink` (what it printed so far first); answers the detach,
     * which closes the terminal (its window went), or null when there is no such terminal or it
     * streams already.
     */
    attach(terminalId: string, sink: TerminalSink): (() => void) | null {
      const terminal = open.get(terminalId);
      if (!terminal || terminal.stream !== 'socket' || terminal.sink) return null;
      terminal.sink = sink;
      if (terminal.held !== '') sink.data(terminal.held);
      terminal.held = '';
      return () => {
        terminal.sink = null;
        terminal.shell.close();
      };
    },
    /** Closes the terminals no window kept alive within the lease, as of `now` (the sweep). */
    closeForgotten: (now: number) => sweep(now),
    keepAlive({ terminalIds }: { terminalIds: readonly string[] }): { open: string[] } {
      const now = Date.now();
      const alive = terminalIds.filter((id) => open.has(id));
      for (const id of alive) open.get(id)!.seenAt = now;
      return { open: alive };
    },
    closeAll(): void {
      if (sweeper) clearInterval(sweeper);
      sweeper = null;
      for (const terminal of open.values()) terminal.shell.close();
    },
  };
}

export type TerminalService = ReturnType<typeof createTerminalService>;
