import type { Dispatch, Runner, RunnerHealth } from '@shared/contract';
import { PAGE_LIMIT_MAX } from '@shared/contract/paging';
import { holdsRunnerSlot, isReleasedRun } from '@shared/domain/dispatch';
import { formatDuration } from '@shared/domain/run-entry';
import { EXIT, printJson, type Command } from '../command';
import { palette } from '../terminal';

/** Every page of a paged list. */
async function allPages<T>(
  read: (cursor: string | undefined) => Promise<{ items: T[]; nextCursor: string | null }>,
) {
  const items: T[] = [];
  let cursor: string | undefined;
  do {
    const page = await read(cursor);
    items.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor !== undefined);
  return items;
}

export const statusCommand: Command = {
  name: 'status',
  summary: 'show the runners, the runs going on and the queue',
  usage: `Usage: sortie status [--json] [--data-dir DIR]

Shows each runner with its busy slots and connection health, every active run, and the queue.`,
  options: {},
  async run(context) {
    const session = await context.open(false);
    try {
      const [runners, health, active, recent, queue] = await Promise.all([
        session.call('runners.list', {}),
        session.call('runners.health', {}),
        allPages((cursor) =>
          session.call('dispatches.list', { activeOnly: true, limit: PAGE_LIMIT_MAX, cursor }),
        ),
        // Released runs (runner unreachable, agent maybe still working) are not "active" to the
        // list; they are looked for among the most recent runs.
        session.call('dispatches.list', { activeOnly: false, limit: PAGE_LIMIT_MAX }),
        session.call('queue.get', {}),
      ]);
      const released = recent.items.filter(isReleasedRun);
      const running = [...active.filter((run) => run.status !== 'queued'), ...released];
      const queued = active.filter((run) => run.status === 'queued');
      const titles = new Map<string, string>();
      for (const run of [...active, ...released]) {
        if (run.taskId && !titles.has(run.taskId)) {
          titles.set(run.taskId, (await session.call('tasks.get', { id: run.taskId })).title);
        }
      }
      const healthOf = new Map(health.map((h) => [h.runnerId, h]));
      const status = {
        sortie: { dataDir: session.dataDir, running: session.kind === 'endpoint' },
        runners: runners.map((runner) => ({
          id: runner.id,
          name: runner.name,
          isDefault: runner.isDefault,
          busySlots: running.filter((run) => run.runnerId === runner.id && holdsRunnerSlot(run)).length,
          slots: runner.maxConcurrent,
          health: healthOf.get(runner.id) ?? null,
        })),
        activeRuns: running.map((run) => ({
          ...summary(run),
          title: run.taskId ? titles.get(run.taskId) : null,
        })),
        queue: {
          paused: queue.paused,
          queued: queued.map((run) => ({
            ...summary(run),
            title: run.taskId ? titles.get(run.taskId) : null,
          })),
        },
      };
      if (context.values.json === true) {
        printJson(context, status);
        return EXIT.ok;
      }
      const p = palette(context.term.colour);
      const out = context.term.out;
      out(
        session.kind === 'endpoint'
          ? `Sortie is running (${session.dataDir}).`
          : p.yellow(`No Sortie is running on ${session.dataDir}: nothing starts until one does.`),
      );
      out(p.bold('Runners'));
      if (runners.length === 0) out('  none yet: add one in the app (Runners) first');
      for (const r of status.runners)
        out(
          `  ${runnerLine(
            runners.find((x) => x.id === r.id)!,
            r,
            p,
          )}`,
        );
      out(p.bold(`Active runs (${running.length})`));
      for (const run of status.activeRuns) out(`  ${runLine(run, runners)}`);
      out(p.bold(`Queue (${queued.length}${queue.paused ? ', paused' : ''})`));
      for (const run of status.queue.queued) out(`  ${runLine(run, runners)}`);
      return EXIT.ok;
    } finally {
      await session.close();
    }
  },
};

function summary(run: Dispatch) {
  return {
    id: run.id,
    kind: run.kind,
    taskId: run.taskId,
    reviewId: run.reviewId,
    runnerId: run.runnerId,
    agent: run.agent,
    status: run.status,
    phase: run.phase,
    released: run.released,
    startedAt: run.startedAt,
    iteration: run.iteration,
    pullRequestUrl: run.pullRequestUrl,
  };
}

function runnerLine(
  runner: Runner,
  row: { busySlots: number; slots: number; health: RunnerHealth | null },
  p: ReturnType<typeof palette>,
): string {
  const state = row.health?.state ?? 'unknown';
  const health =
    state === 'ok'
      ? p.green('ok')
      : state === 'failing'
        ? p.red(`failing: ${row.health?.message ?? ''}`)
        : p.dim('unknown');
  return `${runner.name.padEnd(16)} ${`${row.busySlots}/${row.slots} slots`.padEnd(10)} ${health}${runner.isDefault ? p.dim(' (default)') : ''}`;
}

function runLine(run: ReturnType<typeof summary> & { title?: string | null }, runners: Runner[]): string {
  const runner = runners.find((r) => r.id === run.runnerId)?.name ?? '-';
  const state = run.released
    ? 'unreachable'
    : run.status === 'preparing' && run.phase
      ? run.phase
      : run.status;
  const since = run.startedAt ? ` ${formatDuration(Date.now() - Date.parse(run.startedAt))}` : '';
  const iteration = run.iteration ? ` iteration ${run.iteration}` : '';
  return `${run.id}  ${state.padEnd(16)} ${runner.padEnd(14)} ${run.title ?? run.kind}${iteration}${since}`;
}
