import type { ChannelInput, Dispatch, RunChain, Task } from '@shared/contract';
import { EXIT, flag, printJson, text, UsageError, type Command, type CommandContext } from '../command';
import { followChain, followRun, FollowInterrupted } from '../follow';
import { followPrinter } from '../follow-printer';
import { formatVerdict } from '../format-entry';
import { onInterrupt } from '../interrupt';
import { isIdOf, runnerNamed } from '../resolve-names';
import type { SortieSession } from '../session';

export const runCommand: Command = {
  name: 'run',
  summary: 'queue a run of a task (or of a new one from a capture line) and follow it',
  usage: `Usage: sortie run <task-id | "capture line"> [options]

Queues a run of the task; a capture line ("api prio high fix the login timeout") makes the task
first. With --iterate, the run repeats until the eval command passes (at most N runs).
  --runner NAME              the runner to run on (default: the default runner)
  --agent codex|claude       the agent (default: the runner's)
  --iterate N --eval CMD     run until CMD passes in the run's worktree, at most N times
  --feedback-template TEXT   the follow-up after a failed eval ({eval_output}, {iteration},
                             {max_iterations} are filled in)
  --follow, -f               show the run's phases and output until it ends; exit 0 when it
                             succeeded (or the eval passed), 1 when not, 130 on Ctrl-C
  --json                     print the task and the run (and chain) as JSON
  --data-dir DIR             the Sortie data directory (default: SORTIE_HOME or ~/.sortie)`,
  options: {
    runner: { type: 'string' },
    agent: { type: 'string' },
    iterate: { type: 'string' },
    eval: { type: 'string' },
    'feedback-template': { type: 'string' },
    follow: { type: 'boolean', short: 'f' },
  },
  follows: (values) => values.follow === true,
  async run(context) {
    const target = context.positionals.join(' ').trim();
    if (!target) throw new UsageError('say which task to run: a task id or a capture line');
    const iterate = iterateOf(context);
    const follow = flag(context, 'follow');
    const session = await context.open(follow);
    try {
      const runner = text(context, 'runner');
      const runnerId = runner === undefined ? undefined : (await runnerNamed(session, runner)).id;
      const agent = text(context, 'agent') as ChannelInput<'dispatches.queue'>['agent'];
      let task: Task;
      let run: Dispatch;
      if (isIdOf('task', target)) {
        run = await session.call('dispatches.queue', { taskId: target, runnerId, agent, iterate });
        task = await session.call('tasks.get', { id: target });
      } else {
        const made = await session.call('tasks.capture', {
          note: target,
          source: 'cli',
          queue: true,
          runnerId,
          agent,
          iterate,
        });
        task = made.task;
        run = made.dispatch!;
      }
      if (!follow) {
        if (flag(context, 'json')) printJson(context, { task, run });
        else context.term.out(`Queued run ${run.id} of task ${task.id} (${task.title}).`);
        if (session.kind === 'own') {
          context.term.err(
            'No Sortie is running: the run waits in the queue until one starts (the app, `sortie serve`), or use --follow.',
          );
        }
        return EXIT.ok;
      }
      return await followToEnd(context, session, task, run);
    } finally {
      await session.close();
    }
  },
};

function iterateOf(context: CommandContext): ChannelInput<'dispatches.queue'>['iterate'] {
  const times = text(context, 'iterate');
  const evalCommand = text(context, 'eval');
  const template = text(context, 'feedback-template');
  if (times === undefined) {
    if (evalCommand !== undefined || template !== undefined)
      throw new UsageError('--eval and --feedback-template go with --iterate N');
    return undefined;
  }
  if (!/^\d+$/.test(times)) throw new UsageError(`--iterate takes a number of runs, not "${times}"`);
  if (evalCommand === undefined)
    throw new UsageError('--iterate needs --eval CMD: the command that must pass');
  return {
    maxIterations: Number(times),
    evalCommand,
    ...(template === undefined ? {} : { feedbackTemplate: template }),
  };
}

/** Follows the run (or its chain) to its end; the exit status says how it ended. */
async function followToEnd(
  context: CommandContext,
  session: SortieSession,
  task: Task,
  run: Dispatch,
): Promise<number> {
  const json = flag(context, 'json');
  const printer = followPrinter(context.term, json);
  if (!json) context.term.out(`Run ${run.id} of task ${task.id} (${task.title})`);
  try {
    let chain: RunChain | null = null;
    let last: Dispatch;
    if (run.chainId) {
      const ended = await followChain(session, run, printer, context.interrupted);
      chain = ended.chain;
      last = ended.run;
      if (!json) context.term.out(formatVerdict(chain, context.term.colour));
    } else {
      last = await followRun(session, run.id, printer, context.interrupted);
    }
    if (json) printJson(context, { task, run: last, chain });
    const passed = chain ? chain.status === 'passed' : last.status === 'succeeded';
    return passed ? EXIT.ok : EXIT.failed;
  } catch (error) {
    if (error instanceof FollowInterrupted) return onInterrupt(session, printer.current, context.term);
    throw error;
  }
}
