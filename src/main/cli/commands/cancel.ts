import { EXIT, printJson, UsageError, type Command } from '../command';
import { isIdOf } from '../resolve-names';

export const cancelCommand: Command = {
  name: 'cancel',
  summary: 'cancel a run, stopping its agent on the runner',
  usage: `Usage: sortie cancel <run-id> [--json] [--data-dir DIR]

Cancels this run (never another run of the same task): its agent and everything it started
are stopped on the runner. A finished run whose "run until the eval passes" chain is still
evaluating ends the chain.`,
  options: {},
  async run(context) {
    const [runId, ...rest] = context.positionals;
    if (!runId || rest.length > 0) throw new UsageError('name one run: sortie cancel <run-id>');
    if (!isIdOf('dispatch', runId)) throw new UsageError(`"${runId}" is not a run id (they start with dsp_)`);
    const session = await context.open(false);
    try {
      const run = await session.call('dispatches.cancel', { dispatchId: runId });
      if (context.values.json === true) printJson(context, run);
      else context.term.out(`Run ${run.id} ${run.status}.${run.errorText ? ` ${run.errorText}` : ''}`);
      return EXIT.ok;
    } finally {
      await session.close();
    }
  },
};
