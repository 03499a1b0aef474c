import type { RunnerLoad } from '@renderer/stores/runs-table';
import { plural } from '@renderer/lib/format';

/** Each runner's busy slots against its capacity, and how many runs wait for one. */
export function RunnerStrip({ loads }: { loads: readonly RunnerLoad[] }) {
  return (
    <ul className="runner-strip" aria-label="Runner capacity">
      {loads.map(({ runner, busy, queued, capacity }) => {
        const full = busy >= capacity;
        return (
          <li
            key={runner.id}
            className={`runner-load${full ? ' runner-load-full' : ''}`}
            aria-label={`${runner.name}: ${busy} of ${capacity} slots busy, ${queued} queued`}
          >
            <div className="runner-load-head">
              <span className="strong">{runner.name}</span>
              {runner.isDefault ? <span className="badge badge-accent">Default</span> : null}
              <span className="spacer" />
              <span className="runner-load-count" aria-hidden="true">
                {busy} / {capacity}
              </span>
            </div>
            <div className="slots" aria-hidden="true">
              {Array.from({ length: Math.min(capacity, 16) }, (_, i) => (
                <span key={i} className={`slot${i < busy ? ' slot-busy' : ''}`} />
              ))}
            </div>
            <div className="runner-load-foot muted" aria-hidden="true">
              {busy === 0 ? 'Idle' : `${plural(busy, 'run')} active`}
              {queued > 0 ? ` · ${queued} queued` : ''}
            </div>
          </li>
        );
      })}
    </ul>
  );
}
