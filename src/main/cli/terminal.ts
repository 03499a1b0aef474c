/** Where a command writes, and whether it may colour what it writes. */
export interface Terminal {
  out(text: string): void;
  err(text: string): void;
  readonly colour: boolean;
}

export function processTerminal(): Terminal {
  const colour = process.stdout.isTTY === true && !process.env.NO_COLOR && process.env.TERM !== 'dumb';
  return {
    out: (text) => process.stdout.write(`${text}\n`),
    err: (text) => process.stderr.write(`${text}\n`),
    colour,
  };
}

export type Paint = (text: string) => string;

/** ANSI styles, or none when the terminal takes no colour (a pipe, a file, NO_COLOR). */
export function palette(
  colour: boolean,
): Record<'dim' | 'bold' | 'red' | 'green' | 'yellow' | 'cyan', Paint> {
  const style = (open: number, close: number): Paint =>
    colour ? (text) => `\x1b[${open}m${text}\x1b[${close}m` : (text) => text;
  return {
    dim: style(2, 22),
    bold: style(1, 22),
    red: style(31, 39),
    green: style(32, 39),
    yellow: style(33, 39),
    cyan: style(36, 39),
  };
}
