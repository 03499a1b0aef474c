import type { FollowSink } from './follow';
import { formatEval, formatOutcome, runEventFormatter } from './format-entry';
import type { Terminal } from './terminal';

/** Prints a follow as it goes (nothing in `--json` mode, which prints one document at the end). */
export function followPrinter(
  term: Terminal,
  quiet: boolean,
): FollowSink & { readonly current: string | null } {
  let current: string | null = null;
  const format = runEventFormatter(term.colour);
  const print = (lines: string[]) => {
    if (!quiet) for (const line of lines) term.out(line);
  };
  return {
    get current() {
      return current;
    },
    following(runId) {
      if (current !== null && current !== runId) print([`Next iteration: run ${runId}`]);
      current = runId;
    },
    event: (event) => print(format(event)),
    runEnded: (run) => print(formatOutcome(run, term.colour)),
    evalEnded: (result) => print(formatEval(result, term.colour)),
  };
}
