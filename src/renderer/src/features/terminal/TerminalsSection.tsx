import { useState } from 'react';
import { WorktreeTerminal } from './WorktreeTerminal';

let nextKey = 1;

/**
 * "Open terminal" for a run's worktree, and the terminals opened from here (several at once;
 * each closes with its button or with the page).
 */
export function TerminalsSection({ runId }: { runId: string }) {
  const [keys, setKeys] = useState<number[]>([]);
  return (
    <div className="terminals">
      <button type="button" className="button button-small" onClick={() => setKeys((k) => [...k, nextKey++])}>
        {keys.length === 0 ? 'Open terminal' : 'Open another terminal'}
      </button>
      {keys.map((key) => (
        <WorktreeTerminal
          key={key}
          runId={runId}
          onClose={() => setKeys((k) => k.filter((x) => x !== key))}
        />
      ))}
    </div>
  );
}
