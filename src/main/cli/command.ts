import type { ParseArgsOptionsConfig } from 'node:util';
import type { SortieSession } from './session';
import type { Terminal } from './terminal';

/** What a command's exit status says; scripts rely on these. */
export const EXIT = {
  ok: 0,
  /** The run (or the chain's eval) failed, was blocked or canceled. */
  failed: 1,
  /** Bad arguments, or an error the API answered (its code and message are printed). */
  error: 2,
  /** Ctrl-C. */
  interrupted: 130,
} as const;

/** A command line that cannot be run as given; printed with a pointer to the command's help. */
export class UsageError extends Error {}

export interface CommandContext {
  readonly positionals: readonly string[];
  readonly values: Readonly<Record<string, string | boolean | string[] | undefined>>;
  readonly term: Terminal;
  /**
   * The Sortie to talk to: a running one, else a core started here for this command (`runQueue`:
   * one that also starts queued runs and follows them, for commands that wait for a run's end).
   */
  open(runQueue: boolean): Promise<SortieSession>;
  /** Aborts on Ctrl-C. */
  readonly interrupted: AbortSignal;
}

export interface Command {
  readonly name: string;
  /** One line for `sortie --help`. */
  readonly summary: string;
  /** The command's own `--help`. */
  readonly usage: string;
  readonly options: ParseArgsOptionsConfig;
  /**
   * Whether, given these options, the command follows a run and answers Ctrl-C itself (through
   * `interrupted`); any other command is ended by Ctrl-C at once, exit 130.
   */
  follows?(values: CommandContext['values']): boolean;
  run(context: CommandContext): Promise<number>;
}

export function text(context: CommandContext, name: string): string | undefined {
  const value = context.values[name];
  return typeof value === 'string' ? value : undefined;
}

export function flag(context: CommandContext, name: string): boolean {
  return context.values[name] === true;
}

/** Writes a value as one line of JSON (the `--json` output: one document per command). */
export function printJson(context: CommandContext, value: unknown): void {
  context.term.out(JSON.stringify(value));
}
