import { parseArgs } from 'node:util';
import type { Logger } from '../core/logger';
import { serveHeadless } from '../server/serve';
import { USAGE as SERVE_USAGE } from '../server/args';
import { EXIT, UsageError, type Command, type CommandContext } from './command';
import { addCommand } from './commands/add';
import { cancelCommand } from './commands/cancel';
import { logsCommand } from './commands/logs';
import { reviewCommand } from './commands/review';
import { runCommand } from './commands/run';
import { statusCommand } from './commands/status';
import { completionScript } from './completion';
import { openSession } from './open-session';
import { ApiError } from './session';
import { processTerminal, type Terminal } from './terminal';

const COMMANDS: readonly Command[] = [
  addCommand,
  runCommand,
  statusCommand,
  logsCommand,
  cancelCommand,
  reviewCommand,
];

/** Options every command takes. */
const COMMON = {
  'data-dir': { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

const SERVE_SUMMARY = 'run Sortie headless: the app in a browser, the queue running';

function usage(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length), 'completion'.length) + 2;
  const line = (name: string, summary: string) => `  ${name.padEnd(width)}${summary}`;
  return [
    'Usage: sortie <command> [arguments] [--data-dir DIR] [--json]',
    '',
    'Talks to the running Sortie (the desktop app or `sortie serve`); when none runs, a command',
    'runs Sortie itself for as long as it takes.',
    '',
    ...COMMANDS.map((c) => line(c.name, c.summary)),
    line('serve', SERVE_SUMMARY),
    line('completion', 'print a completion script: sortie completion bash|zsh'),
    '',
    'sortie <command> --help tells more. Exit status: 0 done, 1 the run failed, 2 bad input or an',
    'error (its code and message are printed), 130 interrupted.',
  ].join('\n');
}

/** The core's own log lines, when this command runs it: only what went wrong, on stderr. */
function quietLogger(term: Terminal): Logger {
  return {
    info: () => undefined,
    warn: (message, fields) =>
      term.err(`sortie (core): ${message}${fields ? ` ${JSON.stringify(fields)}` : ''}`),
    error: (message, fields) =>
      term.err(`sortie (core): ${message}${fields ? ` ${JSON.stringify(fields)}` : ''}`),
  };
}

/** Runs one command line; answers the exit status. */
export async function runCli(
  argv: string[],
  where: { rendererDir: string },
  term: Terminal = processTerminal(),
): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    term.out(usage());
    return name === undefined ? EXIT.error : EXIT.ok;
  }
  if (name === 'serve') {
    if (rest.includes('--help') || rest.includes('-h')) {
      term.out(SERVE_USAGE.replace('npm run serve [-- ', 'sortie serve ['));
      return EXIT.ok;
    }
    await serveHeadless(rest, where.rendererDir);
    // Keeps running until SIGINT or SIGTERM (serveHeadless exits the process then).
    return new Promise<number>(() => undefined);
  }
  if (name === 'completion') {
    const script = completionScript(rest[0] ?? '', {
      ...Object.fromEntries(
        COMMANDS.map((c) => [
          c.name,
          [...Object.keys(c.options), ...Object.keys(COMMON)].map((o) => `--${o}`),
        ]),
      ),
      serve: ['--host', '--port', '--data-dir', '--allow-host'],
      completion: ['bash', 'zsh'],
    });
    if (script === null) {
      term.err('sortie completion takes bash or zsh');
      return EXIT.error;
    }
    term.out(script);
    return EXIT.ok;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    term.err(`sortie: no command "${name}"\n\n${usage()}`);
    return EXIT.error;
  }
  let parsed;
  try {
    parsed = parseArgs({
      args: rest,
      options: { ...command.options, ...COMMON },
      strict: true,
      allowPositionals: true,
    });
  } catch (error) {
    term.err(`sortie ${name}: ${error instanceof Error ? error.message : String(error)}\n\n${command.usage}`);
    return EXIT.error;
  }
  if (parsed.values.help) {
    term.out(command.usage);
    return EXIT.ok;
  }
  const abort = new AbortController();
  const follows = command.follows?.(parsed.values) ?? false;
  // A follow asks what to do with its run; anything else (or a second Ctrl-C) ends at once.
  const onSigint = () => {
    if (!follows || abort.signal.aborted) process.exit(EXIT.interrupted);
    abort.abort();
  };
  process.on('SIGINT', onSigint);
  const dataDir = typeof parsed.values['data-dir'] === 'string' ? parsed.values['data-dir'] : undefined;
  const context: CommandContext = {
    positionals: parsed.positionals,
    values: parsed.values,
    term,
    interrupted: abort.signal,
    open: (runQueue) =>
      openSession({
        dataDir,
        runQueue,
        logger: quietLogger(term),
        onLingering: () =>
          term.err('sortie: another `sortie` command is using this one; staying up until it is done.'),
      }),
  };
  try {
    return await command.run(context);
  } catch (error) {
    if (error instanceof UsageError) {
      term.err(`sortie ${name}: ${error.message}\n\n${command.usage}`);
      return EXIT.error;
    }
    if (error instanceof ApiError) {
      term.err(`sortie ${name}: ${error.code}: ${error.message}`);
      return EXIT.error;
    }
    term.err(`sortie ${name}: ${error instanceof Error ? error.message : String(error)}`);
    return EXIT.error;
  } finally {
    process.off('SIGINT', onSigint);
  }
}
