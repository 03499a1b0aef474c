import { CancelButton } from '@renderer/components/CancelButton';
import type { RunChain } from '@shared/contract';
import { cancelChain } from '@renderer/stores/run-actions';

/**
 * Ends the task's chain (run until the eval passes): its run is canceled, or its eval stopped,
 * and no iteration follows. The core does both through the cancel of its current run.
 */
export function CancelChainButton({ chain, small = false }: { chain: RunChain; small?: boolean }) {
  return (
    <CancelButton
      cancel={() => cancelChain(chain)}
      done="Canceled: no more iterations."
      label="Cancel"
      confirmTitle="Stop running until the eval passes?"
      confirmBody={
        <p>
          The current iteration&rsquo;s run is canceled, or its eval stopped, and no iteration follows. The
          work so far stays on the branch.
        </p>
      }
      small={small}
    />
  );
}
