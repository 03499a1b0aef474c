import { useId } from 'react';
import type { Dispatch, RunChain } from '@shared/contract';
import { isActiveChain } from '@shared/domain/iterate';
import { RunBadge } from '@renderer/features/run/RunBadge';
import { formatTime } from '@renderer/lib/format';
import { hrefForRun } from '@renderer/lib/route';
import { formatDuration } from '@renderer/stores/run-timeline';
import { CancelChainButton } from './CancelChainButton';
import { EvalOutput } from './EvalOutput';
import {
  CHAIN_STATUS_LABELS,
  EVAL_STATUS_LABELS,
  chainIterations,
  evalDuration,
  type ChainIteration,
} from './iterate-form';

/**
 * The task's runs until an eval passes, newest chain first: each chain's status and verdict, and
 * each iteration's run and eval (command, exit code, duration, output).
 */
export function RunChains({ chains, runs }: { chains: readonly RunChain[]; runs: readonly Dispatch[] }) {
  const headingId = useId();
  return (
    <section className="task-section" aria-labelledby={headingId}>
      <h2 id={headingId}>Run until the eval passes</h2>
      <ol className="chains">
        {chains.map((chain, i) => (
          <ChainCard key={chain.id} chain={chain} runs={runs} number={chains.length - i} />
        ))}
      </ol>
    </section>
  );
}

function ChainCard({ chain, runs, number }: { chain: RunChain; runs: readonly Dispatch[]; number: number }) {
  const titleId = useId();
  const active = isActiveChain(chain.status);
  const iterations = chainIterations(chain, runs);
  return (
    <li className={`chain chain-${chain.status}`} aria-labelledby={titleId}>
      <div className="chain-head">
        <span className={`badge chain-status chain-status-${chain.status}`}>
          {CHAIN_STATUS_LABELS[chain.status]}
        </span>
        <span id={titleId} className="strong">
          Chain {number}: iteration {chain.iteration}/{chain.maxIterations}
        </span>
        <span className="muted">{formatTime(chain.createdAt)}</span>
        <div className="spacer" />
        {active ? <CancelChainButton chain={chain} small /> : null}
      </div>
      <p className="chain-command">
        <span className="muted">Eval: </span>
        <code>{chain.evalCommand}</code>
      </p>
      <ol className="chain-iterations" aria-label="Iterations">
        {iterations.map((iteration) => (
          <IterationItem
            key={iteration.number}
            iteration={iteration}
            last={iteration.number === chain.iteration}
            chain={chain}
          />
        ))}
      </ol>
      {chain.verdict ? (
        <p className={`chain-verdict chain-verdict-${chain.status}`}>
          <span className="muted">Verdict: </span>
          {chain.verdict}
        </p>
      ) : null}
    </li>
  );
}

function IterationItem({
  iteration,
  last,
  chain,
}: {
  iteration: ChainIteration;
  last: boolean;
  chain: RunChain;
}) {
  const { number, run, result } = iteration;
  const took = result ? evalDuration(result, formatDuration) : '';
  return (
    <li className="chain-iteration" aria-label={`Iteration ${number}`}>
      <div className="chain-iteration-head">
        <span className="strong">Iteration {number}</span>
        {run ? (
          <a className="chain-run" href={hrefForRun(run.id)}>
            <RunBadge run={run} />
            <span>Open run</span>
          </a>
        ) : (
          <span className="muted">Run not loaded</span>
        )}
      </div>
      <div className="chain-eval">
        <span className="muted">Eval</span>
        {result ? (
          <>
            <span className={`badge eval-status-${result.status}`}>{EVAL_STATUS_LABELS[result.status]}</span>
            <code className="chain-eval-command" title={result.command}>
              {result.command}
            </code>
            {result.exitCode !== null ? <span>exit code {result.exitCode}</span> : null}
            {took ? <span className="muted">{took}</span> : null}
          </>
        ) : (
          <span className="muted">
            {last && chain.status === 'running' ? 'runs after the run' : 'not run'}
          </span>
        )}
      </div>
      {result && result.status !== 'pending' && result.status !== 'running' ? (
        <EvalOutput output={result.output} />
      ) : null}
    </li>
  );
}
