import { z } from 'zod';
import { channel, event } from './define';
import { idSchema } from './common';

const size = {
  cols: z
    .number()
    .int()
    .min(2, 'A terminal is at least 2 columns wide.')
    .max(1000, 'A terminal is at most 1000 columns wide.'),
  rows: z
    .number()
    .int()
    .min(1, 'A terminal is at least 1 row high.')
    .max(500, 'A terminal is at most 500 rows high.'),
};

export const openTerminalSchema = z.object({
  /** The terminal's id: its input, resizes, output and end name it. */
  terminalId: idSchema,
  runnerName: z.string(),
  /** The worktree the shell starts in (as laid out on the runner). */
  cwd: z.string(),
  /** The same place from the user's own terminal: `ssh -t … 'cd … && exec "$SHELL" -l'`. */
  sshCommand: z.string(),
});
export type OpenTerminal = z.infer<typeof openTerminalSchema>;

/**
 * A shell in a run's worktree on its runner (issue 12): opened with the window's size, fed
 * keystrokes, resized, closed; its output comes as `terminal.output` events.
 */
export const terminalChannels = {
  'terminals.open': channel(
    'terminals.open',
    z
      .object({
        runId: idSchema,
        ...size,
        /**
         * How its output comes: `events` (terminal.output / terminal.exited, the desktop window),
         * or `socket`: held until the headless host's WebSocket
         * `/api/terminals/<terminalId>/stream?token=…` attaches, then streamed on it alone.
         */
        stream: z.enum(['events', 'socket']).default('events'),
      })
      .strict(),
    openTerminalSchema,
  ),
  'terminals.input': channel(
    'terminals.input',
    z
      .object({
        terminalId: idSchema,
        /**
         * Keystrokes as base64 of their UTF-8 bytes: a terminal's input is control characters
         * (Enter, Ctrl+C, arrows), which no text field of the contract accepts.
         */
        data: z
          .string()
          .max(90_000, 'Send at most 64 KiB at once.')
          .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'must be base64'),
      })
      .strict(),
    z.object({}),
  ),
  'terminals.resize': channel(
    'terminals.resize',
    z.object({ terminalId: idSchema, ...size }).strict(),
    z.object({}),
  ),
  'terminals.close': channel('terminals.close', z.object({ terminalId: idSchema }).strict(), z.object({})),
  /**
   * Says the window still shows these terminals; answers which are still open. A terminal no
   * window vouched for in a while (a closed tab, a crashed window) is closed on the runner.
   */
  'terminals.keepAlive': channel(
    'terminals.keepAlive',
    z.object({ terminalIds: z.array(idSchema).max(64) }).strict(),
    z.object({ open: z.array(idSchema) }),
  ),
} as const;

export const terminalEvents = {
  /** What the shell printed (UTF-8 text; a character split across chunks is kept whole). */
  'terminal.output': event('terminal.output', z.object({ terminalId: idSchema, data: z.string() })),
  /** The shell ended (exited, hung up, or its connection was lost). */
  'terminal.exited': event(
    'terminal.exited',
    z.object({ terminalId: idSchema, exitCode: z.number().int().nullable() }),
  ),
} as const;
