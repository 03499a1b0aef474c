import { isCancellableDispatch } from '@shared/domain/dispatch';
import { EXIT, flag, UsageError, type Command } from '../command';
import { followRun, FollowInterrupted } from '../follow';
import { formatOutcome, runEventFormatter } from '../format-entry';
import { isIdOf } from '../resolve-names';

export const logsCommand: Command = {
  name: 'logs',
  summary: "print a run's phases and agent output",
  usage: `Usage: sortie logs <run-id> [-f] [--json] [--data-dir DIR]

Prints the run's timeline: its launch phases and what the agent did.
  --follow, -f   keep printing as the run goes on, until it ends (Ctrl-C stops following only)
  --json         one JSON object per line, one per timeline entry`,
  options: { follow: { type: 'boolean', short: 'f' } },
  follows: (values) => values.follow === true,
  async run(context) {
    const [runId, ...rest] = context.positionals;
    if (!runId || rest.length > 0) throw new UsageError('name one run: sortie logs <run-id>');
    if (!isIdOf('dispatch', runId)) throw new UsageError(`"${runId}" is not a run id (they start with dsp_)`);
    const json = flag(context, 'json');
    const follow = flag(context, 'follow');
    const session = await context.open(follow);
    try {
      const format = runEventFormatter(context.term.colour);
      const sink = {
        event: (event: Parameters<typeof format>[0]) => {
          if (json) context.term.out(JSON.stringify(event));
          else for (const line of format(event)) context.term.out(line);
        },
        runEnded: (run: Parameters<typeof formatOutcome>[0]) => {
          if (!json) for (const line of formatOutcome(run, context.term.colour)) context.term.out(line);
        },
        evalEnded: () => undefined,
        following: () => undefined,
      };
      if (follow) {
        try {
          await followRun(session, runId, sink, context.interrupted);
        } catch (error) {
          if (error instanceof FollowInterrupted) return EXIT.interrupted;
          throw error;
        }
        return EXIT.ok;
      }
      let afterSeq = 0;
      for (;;) {
        const page = await session.call('dispatches.events', { dispatchId: runId, afterSeq, limit: 1000 });
        for (const event of page.events) sink.event(event);
        if (page.events.length < 1000) break;
        afterSeq = page.events[page.events.length - 1]!.seq;
      }
      const run = await session.call('dispatches.get', { id: runId });
      if (!isCancellableDispatch(run)) sink.runEnded(run);
      return EXIT.ok;
    } finally {
      await session.close();
    }
  },
};
