import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Dispatch, EventPayload, RunChain, Task } from '@shared/contract';
import { startRunFixture, type RunFixture } from '../../support/run-fixture';

let f: RunFixture;
beforeAll(async () => {
  f = await startRunFixture({ maxConcurrent: 3 });
});
afterAll(() => f.close());

const ENDED = ['passed', 'gave-up', 'failed', 'canceled'];

/** An eval that fails until it has run `passOn` times, counting its runs in a file of its own. */
function countingEval(passOn: number, extra = ''): { command: string; count: () => number } {
  const file = join(f.sshd.home, `eval-count-${randomBytes(4).toString('hex')}`);
  const command = `n=$(cat '${file}' 2>/dev/null || echo 0); n=$((n+1)); echo "$n" > '${file}'; ${extra}echo "attempt $n"; [ "$n" -ge ${passOn} ]`;
  return { command, count: () => Number(readFileSync(file, 'utf8').trim()) };
}

async function chainOf(task: Task): Promise<RunChain> {
  const chains = await f.call('dispatches.chains', { taskId: task.id });
  expect(chains).toHaveLength(1);
  return chains[0]!;
}

async function waitForChain(task: Task, statuses: string[] = ENDED, timeoutMs = 90_000): Promise<RunChain> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const chain = (await f.call('dispatches.chains', { taskId: task.id }))[0];
    if (chain && statuses.includes(chain.status)) return chain;
    if (Date.now() > deadline)
      throw new Error(`chain did not reach ${statuses.join('/')}: ${JSON.stringify(chain)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

function runsOf(task: Task): Dispatch[] {
  return f.core.repos.dispatches.listForTask(task.id).reverse();
}

it('ends at once when the eval passes on the first try', async () => {
  f.outcome('success');
  const task = await f.newTask('Already fine');
  const queued = await f.call('dispatches.queue', {
    taskId: task.id,
    iterate: { maxIterations: 3, evalCommand: '  echo all good  ' },
  });
  expect(queued).toMatchObject({ iteration: 1, chainId: expect.any(String) });
  const chain = await waitForChain(task);
  expect(chain).toMatchObject({
    status: 'passed',
    verdict: 'Iteration 1/3: eval passed',
    iteration: 1,
    evalCommand: 'echo all good',
  });
  expect(chain.evals).toEqual([
    expect.objectContaining({
      dispatchId: queued.id,
      iteration: 1,
      status: 'passed',
      exitCode: 0,
      output: 'all good',
    }),
  ]);
  expect(runsOf(task)).toHaveLength(1);
});

it('follows up with the eval output and the original task, and passes on iteration 2/3', async () => {
  f.outcome('success');
  const notices: EventPayload<'notification'>[] = [];
  const off = f.core.bus.subscribe((name, payload) => {
    if (name === 'notification') notices.push(payload as EventPayload<'notification'>);
  });
  try {
    const task = await f.newTask('Make the tests pass', { summary: 'The login test is red.' });
    const evalCmd = countingEval(2);
    await f.call('dispatches.queue', {
      taskId: task.id,
      iterate: { maxIterations: 3, evalCommand: evalCmd.command },
    });
    const chain = await waitForChain(task);
    expect(chain).toMatchObject({ status: 'passed', verdict: 'Iteration 2/3: eval passed', iteration: 2 });
    expect(chain.evals.map((e) => [e.iteration, e.status, e.exitCode, e.output])).toEqual([
      [1, 'failed', 1, 'attempt 1'],
      [2, 'passed', 0, 'attempt 2'],
    ]);
    expect(evalCmd.count()).toBe(2);
    const [first, second] = runsOf(task);
    expect(second).toMatchObject({
      iteration: 2,
      chainId: chain.id,
      branch: first!.branch,
      worktreePath: first!.worktreePath,
    });
    expect(second!.pullRequestUrl).toBe(first!.pullRequestUrl);
    expect(second!.followUpRequest).toContain('Iteration 2/3');
    expect(second!.followUpRequest).toContain('attempt 1');
    expect(second!.followUpRequest).toContain(
      '## Original task\n\nMake the tests pass\n\nThe login test is red.',
    );
    const prompt = (await f.call('dispatches.get', { id: second!.id })).prompt;
    expect(prompt).toContain('attempt 1');

    await new Promise((r) => setTimeout(r, 200));
    const mine = notices.filter((n) => n.taskId === task.id);
    expect(mine.map((n) => n.title)).toEqual(['Passed on iteration 2/3: Make the tests pass']);
  } finally {
    off();
  }
});

it('gives up after the last iteration, keeping the eval output', async () => {
  f.outcome('success');
  const task = await f.newTask('Never green');
  await f.call('dispatches.queue', {
    taskId: task.id,
    iterate: { maxIterations: 2, evalCommand: 'echo "3 tests failed" >&2; exit 3' },
  });
  const chain = await waitForChain(task);
  expect(chain).toMatchObject({
    status: 'gave-up',
    verdict: 'Iteration 2/2: eval failed (exit 3), max iterations reached',
  });
  expect(chain.evals.map((e) => [e.status, e.exitCode, e.output])).toEqual([
    ['failed', 3, '3 tests failed'],
    ['failed', 3, '3 tests failed'],
  ]);
  expect(runsOf(task)).toHaveLength(2);
});

it('fills the feedback template placeholders', async () => {
  f.outcome('success');
  const task = await f.newTask('Lint it');
  const evalCmd = countingEval(2);
  await f.call('dispatches.queue', {
    taskId: task.id,
    iterate: {
      maxIterations: 4,
      evalCommand: evalCmd.command,
      feedbackTemplate: 'Round {iteration}/{max_iterations}: {eval_output} ({iteration})',
    },
  });
  await waitForChain(task);
  const second = runsOf(task)[1]!;
  expect(second.followUpRequest.split('\n')[0]).toBe('Round 2/4: attempt 1 (2)');
});

it('resumes after an app restart during the eval, running each iteration’s eval exactly once', async () => {
  f.outcome('success');
  const task = await f.newTask('Survive a restart');
  const evalCmd = countingEval(2, 'sleep 2; ');
  await f.call('dispatches.queue', {
    taskId: task.id,
    iterate: { maxIterations: 3, evalCommand: evalCmd.command },
  });
  await waitForChain(task, ['evaluating']);
  // Wait until the eval is really going on the runner, then restart in the middle of it.
  const deadline = Date.now() + 20_000;
  while ((await chainOf(task)).evals[0]?.status !== 'running') {
    if (Date.now() > deadline) throw new Error('eval did not start');
    await new Promise((r) => setTimeout(r, 50));
  }
  await f.restart();
  const chain = await waitForChain(task);
  expect(chain).toMatchObject({ status: 'passed', verdict: 'Iteration 2/3: eval passed' });
  expect(chain.evals.map((e) => e.iteration)).toEqual([1, 2]);
  expect(evalCmd.count()).toBe(2);
  expect(runsOf(task)).toHaveLength(2);
});

it('ends the chain when a run of it is canceled, or when it is canceled during its eval', async () => {
  f.outcome('hang');
  const hanging = await f.newTask('Cancel the run');
  const run = await f.call('dispatches.queue', {
    taskId: hanging.id,
    iterate: { maxIterations: 3, evalCommand: 'true' },
  });
  await f.waitFor(run.id, ['running']);
  await f.call('dispatches.cancel', { dispatchId: run.id });
  expect(await waitForChain(hanging)).toMatchObject({
    status: 'canceled',
    verdict: 'Iteration 1/3: canceled.',
  });

  f.outcome('success');
  const slow = await f.newTask('Cancel the eval');
  const marker = `eval-still-going-${randomBytes(4).toString('hex')}`;
  // A sleep no other test file's processes have (they run beside this one), told apart by its
  // fraction.
  const sleep = `sleep 20.${randomBytes(3).readUIntBE(0, 3)}`;
  const slowRun = await f.call('dispatches.queue', {
    taskId: slow.id,
    iterate: { maxIterations: 3, evalCommand: `${sleep}; echo ${marker}; exit 1` },
  });
  await waitForChain(slow, ['evaluating']);
  // While the eval decides what comes next, nothing else is queued for the task.
  await expect(f.call('dispatches.queue', { taskId: slow.id })).rejects.toMatchObject({
    code: 'CONFLICT',
    message: expect.stringContaining('eval'),
  });
  const canceled = await f.call('dispatches.cancel', { dispatchId: slowRun.id });
  expect(canceled.chainId).not.toBeNull();
  const chain = await waitForChain(slow);
  expect(chain).toMatchObject({ status: 'canceled', verdict: 'Iteration 1/3: canceled by the user.' });
  expect(chain.evals[0]?.status).toBe('canceled');
  expect(runsOf(slow)).toHaveLength(1);
  // Its eval is stopped on the runner too.
  await new Promise((r) => setTimeout(r, 1500));
  const leftovers = execFileSync('ps', ['-eo', 'pid=,args='], { encoding: 'utf8' })
    .split('\n')
    .filter((line) => line.includes(sleep) || line.includes(marker));
  expect(leftovers).toEqual([]);
  await expect(f.call('dispatches.cancel', { dispatchId: slowRun.id })).rejects.toMatchObject({
    code: 'CONFLICT',
  });
});

it('refuses an iterate setting out of bounds, naming the field, and queues nothing', async () => {
  const task = await f.newTask('Bad settings');
  for (const [iterate, field] of [
    [{ maxIterations: 0, evalCommand: 'true' }, 'iterate.maxIterations'],
    [{ maxIterations: 21, evalCommand: 'true' }, 'iterate.maxIterations'],
    [{ maxIterations: 3, evalCommand: '   ' }, 'iterate.evalCommand'],
  ] as const) {
    await expect(f.call('dispatches.queue', { taskId: task.id, iterate })).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      field,
    });
  }
  expect(runsOf(task)).toHaveLength(0);
  expect(await f.call('dispatches.chains', { taskId: task.id })).toEqual([]);
});

it('starts a chain from a capture line ending in --iterate N --eval <command>', async () => {
  f.outcome('success');
  const { task, dispatch } = await f.call('tasks.capture', {
    note: 'api tidy the readme --iterate 2 --eval test -f README.md',
  });
  expect(task.title).toBe('tidy the readme');
  expect(dispatch).toMatchObject({ iteration: 1 });
  expect(await waitForChain(task)).toMatchObject({
    status: 'passed',
    evalCommand: 'test -f README.md',
    maxIterations: 2,
  });
});

it('ends a chain whose eval was killed on the runner, saying so, instead of waiting for ever', async () => {
  f.outcome('success');
  const task = await f.newTask('Killed eval');
  const queued = await f.call('dispatches.queue', {
    taskId: task.id,
    iterate: { maxIterations: 3, evalCommand: 'sleep 30' },
  });
  await waitForChain(task, ['evaluating']);
  const pidFile = join(f.remotePath(f.core.repos.dispatches.get(queued.id)!.runDir), 'eval.pid');
  const deadline = Date.now() + 20_000;
  let pid = '';
  while (!pid) {
    try {
      pid = readFileSync(pidFile, 'utf8').trim();
    } catch {
      if (Date.now() > deadline) throw new Error('eval never started');
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  execFileSync('kill', ['-KILL', '--', `-${pid}`]);
  const chain = await waitForChain(task);
  expect(chain).toMatchObject({
    status: 'failed',
    verdict: expect.stringContaining('stopped without an exit code'),
  });
});

it('ends the chain and stops its eval when the task is closed, and keeps history while one goes', async () => {
  f.outcome('success');
  const task = await f.newTask('Close mid-eval');
  const marker = `close-mid-eval-${randomBytes(4).toString('hex')}`;
  await f.call('dispatches.queue', {
    taskId: task.id,
    iterate: { maxIterations: 3, evalCommand: `sleep 25; echo ${marker}` },
  });
  await waitForChain(task, ['evaluating']);
  await expect(f.call('dispatches.discardHistory', { taskId: task.id })).rejects.toMatchObject({
    code: 'CONFLICT',
  });
  await expect(f.call('dispatches.followUp', { taskId: task.id, request: 'More.' })).rejects.toMatchObject({
    code: 'CONFLICT',
  });
  await f.call('tasks.update', { id: task.id, status: 'closed' });
  const chain = await waitForChain(task);
  expect(chain).toMatchObject({ status: 'canceled', verdict: 'Iteration 1/3: the task was closed.' });
  await new Promise((r) => setTimeout(r, 1500));
  const leftovers = execFileSync('ps', ['-eo', 'pid=,args='], { encoding: 'utf8' })
    .split('\n')
    .filter((line) => /\bsleep 25\b/.test(line));
  expect(leftovers).toEqual([]);
});
