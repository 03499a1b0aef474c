import { StringDecoder } from 'node:string_decoder';
import type { OpenTerminal } from '@shared/contract';
import { hasWorktreeToShow } from '@shared/domain/dispatch';
import { AppError, notFound } from '../../errors';
import type { EventBus } from '../../events';
import type { IdSource } from '../../ids';
import type { Logger } from '../../logger';
import { sshCommand, terminalCommand, type RemotePool, type RemoteShell, type ShellSize } from '../../remote';
import type { Repositories } from '../../repositories';

/** At most this many terminals at once: each holds a channel of its runner's connection. */
export const MAX_TERMINALS = 12;
/** Output is sent at most this often per terminal (a burst becomes one event, not thousands). */
const OUTPUT_BATCH_MS = 8;

interface Open {
  shell: RemoteShell;
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
    bus.publish('terminal.output', { terminalId, data: terminal.pending });
    terminal.pending = '';
  }

  function held(terminalId: string): Open {
    const terminal = open.get(terminalId);
    if (!terminal) throw notFound('Terminal', terminalId);
    return terminal;
  }

  return {
    async open(input: { runId: string } & ShellSize): Promise<OpenTerminal> {
      const run = repos.dispatches.get(input.runId);
      if (!run) throw notFound('Run', input.runId);
      if (!hasWorktreeToShow(run)) {
        throw new AppError('CONFLICT', 'This run has no worktree yet: open a terminal once it is prepared.');
      }
      const runner = run.runnerId ? repos.runners.get(run.runnerId) : null;
      if (!runner)
        throw new AppError('CONFLICT', 'The runner of this run was removed: there is no worktree to open.');
      if (open.size >= MAX_TERMINALS) {
        throw new AppError('CONFLICT', `${MAX_TERMINALS} terminals are open already: close one first.`);
      }
      const shell = await pool
        .host(runner)
        .openShell(terminalCommand(runner.shellPrelude, run.worktreePath), {
          cols: input.cols,
          rows: input.rows,
        });
      const terminalId = deps.ids.next('terminal');
      const terminal: Open = { shell, decoder: new StringDecoder('utf8'), pending: '', timer: null };
      open.set(terminalId, terminal);
      shell.onData((chunk) => {
        terminal.pending += terminal.decoder.write(chunk);
        terminal.timer ??= setTimeout(() => flush(terminalId), OUTPUT_BATCH_MS);
      });
      shell.onExit((exitCode) => {
        terminal.pending += terminal.decoder.end();
        if (terminal.timer) clearTimeout(terminal.timer);
        flush(terminalId);
        open.delete(terminalId);
        bus.publish('terminal.exited', { terminalId, exitCode });
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
    resize({ terminalId, cols, rows }: { terminalId: string } & ShellSize): Record<string, never> {
      held(terminalId).shell.resize(cols, rows);
      return {};
    },
    /** Closing one that already ended is fine: the window may not have heard yet. */
    close({ terminalId }: { terminalId: string }): Record<string, never> {
      open.get(terminalId)?.shell.close();
      return {};
    },
    closeAll(): void {
      for (const terminal of open.values()) terminal.shell.close();
    },
  };
}

export type TerminalService = ReturnType<typeof createTerminalService>;
