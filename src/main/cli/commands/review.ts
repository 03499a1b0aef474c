import type { ChannelInput } from '@shared/contract';
import { EXIT, flag, printJson, text, UsageError, type Command } from '../command';
import { followRun, FollowInterrupted } from '../follow';
import { followPrinter } from '../follow-printer';
import { onInterrupt } from '../interrupt';
import { runnerNamed } from '../resolve-names';

export const reviewCommand: Command = {
  name: 'review',
  summary: 'have an agent review a pull request',
  usage: `Usage: sortie review <pull request URL> [options]

Reads the pull request on the runner and queues a review run of it.
  --runner NAME          the runner (default: the default runner)
  --agent codex|claude   the agent (default: the runner's)
  --follow, -f           show the review run until it ends; exit 0 when it succeeded
  --json                 print the review as JSON
  --data-dir DIR         the Sortie data directory`,
  options: {
    runner: { type: 'string' },
    agent: { type: 'string' },
    follow: { type: 'boolean', short: 'f' },
  },
  follows: (values) => values.follow === true,
  async run(context) {
    const [url, ...rest] = context.positionals;
    if (!url || rest.length > 0) throw new UsageError('name one pull request: sortie review <URL>');
    const follow = flag(context, 'follow');
    const json = flag(context, 'json');
    const session = await context.open(follow);
    try {
      const runner = text(context, 'runner');
      const review = await session.call('reviews.create', {
        pullRequestUrl: url,
        runnerId: runner === undefined ? undefined : (await runnerNamed(session, runner)).id,
        agent: text(context, 'agent') as ChannelInput<'reviews.create'>['agent'],
      });
      const run = review.latestRun;
      if (follow && !run) {
        context.term.err(`Review ${review.id} has no run to follow.`);
        return EXIT.failed;
      }
      if (!follow || !run) {
        if (json) printJson(context, review);
        else
          context.term.out(
            `Review ${review.id} of ${review.repository}#${review.pullRequestNumber}: run ${run?.id ?? '-'} queued.`,
          );
        return EXIT.ok;
      }
      const printer = followPrinter(context.term, json);
      if (!json) context.term.out(`Review run ${run.id} of ${review.pullRequestUrl}`);
      try {
        const ended = await followRun(session, run.id, printer, context.interrupted);
        if (json) printJson(context, { review, run: ended });
        return ended.status === 'succeeded' ? EXIT.ok : EXIT.failed;
      } catch (error) {
        if (error instanceof FollowInterrupted) return onInterrupt(session, printer.current, context.term);
        throw error;
      }
    } finally {
      await session.close();
    }
  },
};
