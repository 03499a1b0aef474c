import { beforeEach, describe, expect, it } from 'vitest';
import { installClient, isClientError } from '@renderer/api';
import { createClient } from '@renderer/api/client';
import type { Transport } from '@renderer/api/transport';
import { lineCount } from '@renderer/features/iterate/EvalOutput';
import {
  DEFAULT_MAX_ITERATIONS,
  chainIterations,
  defaultIterate,
  emptyIterateForm,
  evalDuration,
  formToIterateInput,
  iterationLabel,
  shortCommand,
} from '@renderer/features/iterate/iterate-form';
import {
  applyChain,
  chainsOf,
  dropChainsOfTask,
  loadChainsOf,
  resyncActiveChains,
  useChainsStore,
} from '@renderer/stores/chains';
import { emptyCollection } from '@renderer/stores/collection';
import { applyTask, useTasksStore } from '@renderer/stores/tasks';
import type { Envelope, EvalResult, RunChain } from '@shared/contract';
import { at, id, task } from './fixtures';
import { run, runId } from './run-fixtures';

function chainId(n: number): string {
  return `chn_${String(n).padStart(20, '0')}`;
}

function evalOf(iteration: number, patch: Partial<EvalResult> = {}): EvalResult {
  return {
    dispatchId: runId(iteration),
    iteration,
    command: 'npm test',
    status: 'failed',
    exitCode: 1,
    output: 'FAIL one\n',
    startedAt: at(iteration * 10),
    finishedAt: at(iteration * 10 + 1),
    ...patch,
  };
}

function chain(n: number, taskN: number, patch: Partial<RunChain> = {}): RunChain {
  return {
    id: chainId(n),
    taskId: id('tsk', taskN),
    maxIterations: 3,
    evalCommand: 'npm test',
    feedbackTemplate: '',
    status: 'running',
    iteration: 1,
    verdict: '',
    evals: [],
    createdAt: at(n),
    updatedAt: at(n),
    finishedAt: null,
    ...patch,
  };
}

describe('the "run until the eval passes" form', () => {
  it('starts with the project’s default eval command and three iterations', () => {
    expect(emptyIterateForm('npm test')).toEqual({
      evalCommand: 'npm test',
      maxIterations: '3',
      feedbackTemplate: '',
    });
    expect(DEFAULT_MAX_ITERATIONS).toBe(3);
  });

  it('sends the count as a number, and the template only when there is one', () => {
    expect(
      formToIterateInput({ evalCommand: 'make check', maxIterations: ' 5 ', feedbackTemplate: ' ' }),
    ).toEqual({ evalCommand: 'make check', maxIterations: 5 });
    expect(
      formToIterateInput({ evalCommand: 'x', maxIterations: '2', feedbackTemplate: 'Fix: {eval_output}' }),
    ).toEqual({ evalCommand: 'x', maxIterations: 2, feedbackTemplate: 'Fix: {eval_output}' });
  });

  it('refuses a count that is not a whole number, on its field', () => {
    for (const typed of ['', 'three', '2.5', '-1']) {
      let thrown: unknown;
      try {
        formToIterateInput({ evalCommand: 'x', maxIterations: typed, feedbackTemplate: '' });
      } catch (error) {
        thrown = error;
      }
      expect(isClientError(thrown) && thrown.field).toBe('iterate.maxIterations');
    }
  });

  it('offers the default eval command with at most three runs in one click', () => {
    expect(defaultIterate('npm test')).toEqual({ evalCommand: 'npm test', maxIterations: 3 });
  });

  it('shows a long or multi-line command cut short in the menu', () => {
    expect(shortCommand('  npm test ')).toBe('npm test');
    expect(shortCommand('x'.repeat(60))).toBe(`${'x'.repeat(39)}…`);
    expect(shortCommand('npm ci\nnpm test')).toBe('npm ci …');
  });
});

describe('iterations on the queue card', () => {
  it('says "iteration i/N" while the chain goes on', () => {
    const second = run(2, 1, { status: 'running', chainId: chainId(1), iteration: 2 });
    expect(iterationLabel(second, chain(1, 1, { iteration: 2 }), true)).toBe('iteration 2/3');
    // The eval runs after a succeeded run: still going.
    const done = { ...second, status: 'succeeded' as const };
    expect(iterationLabel(done, chain(1, 1, { iteration: 2, status: 'evaluating' }), false)).toBe(
      'iteration 2/3',
    );
  });

  it('says "iteration i" for an active run whose chain is not known yet, nothing once it ended', () => {
    const second = run(2, 1, { status: 'queued', chainId: chainId(1), iteration: 2 });
    expect(iterationLabel(second, undefined, true)).toBe('iteration 2');
    expect(iterationLabel(second, undefined, false)).toBe('');
    expect(iterationLabel(second, chain(1, 1, { iteration: 2, status: 'passed' }), false)).toBe('');
    expect(iterationLabel(run(3, 1), undefined, true)).toBe('');
  });

  it('takes the newer iteration when the run is ahead of its chain', () => {
    const third = run(3, 1, { status: 'queued', chainId: chainId(1), iteration: 3 });
    expect(iterationLabel(third, chain(1, 1, { iteration: 2, status: 'evaluating' }), true)).toBe(
      'iteration 3/3',
    );
  });
});

describe('a chain’s iterations on the task page', () => {
  it('pairs each iteration with its run and its eval, the current one without an eval yet', () => {
    const c = chain(1, 1, { iteration: 2, evals: [evalOf(1)] });
    const runs = [
      run(2, 1, { chainId: c.id, iteration: 2, status: 'running' }),
      run(1, 1, { chainId: c.id, iteration: 1, status: 'succeeded' }),
      run(5, 1),
    ];
    const iterations = chainIterations(c, runs);
    expect(iterations.map((i) => [i.number, i.run?.id, i.result?.status])).toEqual([
      [1, runId(1), 'failed'],
      [2, runId(2), undefined],
    ]);
  });

  it('keeps an iteration whose run is not held, without a run', () => {
    const c = chain(1, 1, { iteration: 1, evals: [evalOf(1, { status: 'running', exitCode: null })] });
    expect(chainIterations(c, [])).toEqual([{ number: 1, run: undefined, result: c.evals[0] }]);
  });

  it('gives an eval’s duration once it ended', () => {
    const format = (ms: number) => `${ms} ms`;
    expect(evalDuration(evalOf(1), format)).toBe('60000 ms');
    expect(evalDuration(evalOf(1, { finishedAt: null }), format)).toBe('');
  });

  it('counts the lines of an output, none for an empty one', () => {
    expect(lineCount('a\nb\n')).toBe(2);
    expect(lineCount('a')).toBe(1);
    expect(lineCount('(no output)')).toBe(0);
    expect(lineCount('')).toBe(0);
  });
});

describe('the chains store', () => {
  let calls: { channel: string; input: unknown }[];
  let replies: Record<string, RunChain[]>;

  beforeEach(() => {
    calls = [];
    replies = {};
    const transport: Transport = {
      async invoke(channel, input) {
        calls.push({ channel, input });
        if (channel !== 'dispatches.chains') {
          return { ok: false, error: { code: 'UNKNOWN_CHANNEL', message: channel } } as Envelope<unknown>;
        }
        return { ok: true, value: replies[(input as { taskId: string }).taskId] ?? [] };
      },
      on: () => () => {},
      onEventsMissed: () => () => {},
    };
    installClient(createClient(transport));
    useChainsStore.setState(emptyCollection<RunChain>(), true);
    useTasksStore.setState(emptyCollection(), true);
  });

  it('loads a task’s chains, and keeps the newest version of each', async () => {
    const newer = chain(1, 1, { iteration: 2, updatedAt: at(30) });
    applyChain(newer);
    replies[id('tsk', 1)] = [chain(2, 1), chain(1, 1)];
    await loadChainsOf(id('tsk', 1));
    expect(calls).toEqual([{ channel: 'dispatches.chains', input: { taskId: id('tsk', 1) } }]);
    const byId = useChainsStore.getState().byId;
    expect(byId[chainId(1)]).toBe(newer);
    expect(chainsOf(byId, id('tsk', 1)).map((c) => c.id)).toEqual([chainId(2), chainId(1)]);
    expect(chainsOf(byId, id('tsk', 2))).toEqual([]);
  });

  it('applies each change of a chain, ignoring older ones', () => {
    applyChain(chain(1, 1, { status: 'evaluating', updatedAt: at(20) }));
    applyChain(chain(1, 1, { status: 'running', updatedAt: at(10) }));
    expect(useChainsStore.getState().byId[chainId(1)]!.status).toBe('evaluating');
    applyChain(chain(1, 1, { status: 'passed', verdict: 'Iteration 1/3: eval passed', updatedAt: at(20) }));
    expect(useChainsStore.getState().byId[chainId(1)]!.verdict).toBe('Iteration 1/3: eval passed');
  });

  it('reads again the tasks of the chains held as going on', async () => {
    applyChain(chain(1, 1, { status: 'evaluating' }));
    applyChain(chain(2, 2, { status: 'passed' }));
    applyChain(chain(3, 3, { status: 'running' }));
    resyncActiveChains();
    await Promise.resolve();
    expect(calls.map((c) => c.input)).toEqual([{ taskId: id('tsk', 1) }, { taskId: id('tsk', 3) }]);
  });

  it('drops the chains of a deleted task, and the finished ones of a discarded history', () => {
    applyChain(chain(1, 1, { status: 'passed' }));
    applyChain(chain(2, 1, { status: 'running' }));
    applyChain(chain(3, 2, { status: 'failed' }));
    dropChainsOfTask(id('tsk', 1), 'finished');
    expect(Object.keys(useChainsStore.getState().byId).sort()).toEqual([chainId(2), chainId(3)]);
    applyTask(id('tsk', 2), task(2));
    applyTask(id('tsk', 2), null);
    expect(Object.keys(useChainsStore.getState().byId)).toEqual([chainId(2)]);
  });
});
