import { createInterface } from 'node:readline';
import { EXIT } from './command';
import type { SortieSession } from './session';
import type { Terminal } from './terminal';

/** Asks one yes/no question on the terminal; a second Ctrl-C (or no terminal) is a no. */
function ask(question: string): Promise<boolean> {
  if (!process.stdin.isTTY) return Promise.resolve(false);
  return new Promise((resolve) => {
    const rl = createInterface({ input: process.stdin, output: process.stderr });
    rl.on('SIGINT', () => {
      rl.close();
      resolve(false);
    });
    rl.question(question, (answer) => {
      rl.close();
      resolve(/^y(es)?$/i.test(answer.trim()));
    });
  });
}

/**
 * After Ctrl-C while following a run: cancels the run on its runner if the user says so, else
 * leaves it running and says how to follow it again. Answers the exit status (130).
 */
export async function onInterrupt(
  session: SortieSession,
  runId: string | null,
  term: Terminal,
): Promise<number> {
  if (runId === null) return EXIT.interrupted;
  const cancel = await ask(`\nCancel run ${runId} on its runner too? [y/N] `);
  if (cancel) {
    try {
      const run = await session.call('dispatches.cancel', { dispatchId: runId });
      term.err(`Run ${run.id} ${run.status}.`);
    } catch (error) {
      term.err(`Could not cancel run ${runId}: ${error instanceof Error ? error.message : String(error)}`);
    }
  } else if (session.kind === 'own') {
    term.err(
      `Run ${runId} goes on on its runner; Sortie picks it up when it next starts (\`sortie serve\` or the app).`,
    );
  } else {
    term.err(`Run ${runId} goes on; \`sortie logs -f ${runId}\` follows it again.`);
  }
  return EXIT.interrupted;
}
