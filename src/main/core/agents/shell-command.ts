import { parse, type ParseEntry } from 'shell-quote';

/** Shells Codex wraps its commands in, by the last part of their path. */
const WRAPPING_SHELLS = new Set(['bash', 'zsh', 'sh', 'dash']);
/** The flags of `<shell> -lc '<script>'` and its spellings. */
const SCRIPT_FLAGS = new Set(['-c', '-lc', '-cl']);

/**
 * The command an agent meant, without the shell wrapper it was run through: Codex reports
 * `bash -lc 'git commit -m '"'"'feat: x'"'"''`, a person wants `git commit -m 'feat: x'`. The
 * wrapper is taken apart with a shell word parser; anything that is not exactly a shell, a `-c`
 * style flag and one script word (a pipe or a redirection around the wrapper) is shown as it
 * came.
 */
export function commandAsMeant(command: string): string {
  // The parser reads an unterminated quote as if closed; such a command is not a wrapper.
  if (!quotesClosed(command)) return command;
  let words: ParseEntry[];
  try {
    // `$NAME` is kept as written (a lookup that answers with the reference itself), never expanded.
    words = parse(command, (name) => `$${name}`);
  } catch {
    return command;
  }
  if (words.length !== 3 || !words.every((word) => typeof word === 'string')) return command;
  const [shell, flag, script] = words as string[];
  const shellName = shell!.slice(shell!.lastIndexOf('/') + 1);
  if (!WRAPPING_SHELLS.has(shellName) || !SCRIPT_FLAGS.has(flag!)) return command;
  return script!.trim();
}

/** Whether every quote opened in `text` is closed, read as a POSIX shell reads quoting. */
function quotesClosed(text: string): boolean {
  let quote: "'" | '"' | null = null;
  for (let i = 0; i < text.length; i += 1) {
    const char = text[i];
    if (quote === "'") {
      if (char === "'") quote = null;
    } else if (char === '\\') {
      i += 1;
    } else if (quote === '"') {
      if (char === '"') quote = null;
    } else if (char === "'" || char === '"') {
      quote = char;
    }
  }
  return quote === null;
}
