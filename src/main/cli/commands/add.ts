import { EXIT, printJson, UsageError, type Command } from '../command';

export const addCommand: Command = {
  name: 'add',
  summary: 'add a task from a capture line',
  usage: `Usage: sortie add "<capture line>" [--json] [--data-dir DIR]

Adds a task to the queue's backlog, written as in the tray's capture:
  <project or alias> [prio high|medium|low] <what to do>
e.g.  sortie add "api prio high fix the login timeout"
Prints the new task's id (--json: the task).`,
  options: {},
  async run(context) {
    const note = context.positionals.join(' ').trim();
    if (!note) throw new UsageError('say what the task is: sortie add "<project> <what to do>"');
    const session = await context.open(false);
    try {
      const { task } = await session.call('tasks.capture', { note, source: 'cli', queue: false });
      if (context.values.json === true) printJson(context, task);
      else context.term.out(task.id);
      return EXIT.ok;
    } finally {
      await session.close();
    }
  },
};
