import { useId } from 'react';
import { formatDuration, type PhaseStep } from '@renderer/stores/run-timeline';

const STATE_LABELS: Record<PhaseStep['state'], string> = {
  done: 'Done',
  current: 'In progress',
  failed: 'Failed',
  stopped: 'Stopped',
  pending: 'To do',
};

const MARKS: Record<PhaseStep['state'], string> = {
  done: '✓',
  current: '',
  failed: '✕',
  stopped: '–',
  pending: '',
};

/** The launch phases and the agent's work, each with how long it took (or has taken so far). */
export function PhaseTimeline({ steps }: { steps: readonly PhaseStep[] }) {
  const headingId = useId();
  return (
    <section className="run-phases" aria-labelledby={headingId}>
      <h2 id={headingId}>Phases</h2>
      {steps.length === 0 ? (
        <p className="muted">No phases yet.</p>
      ) : (
        <ol className="phase-list">
          {steps.map((step, i) => (
            <li
              key={`${step.phase}-${i}`}
              className={`phase phase-${step.state}`}
              aria-current={step.state === 'current' ? 'step' : undefined}
            >
              <span className="phase-mark" aria-hidden="true">
                {step.state === 'current' ? <span className="spinner" /> : MARKS[step.state]}
              </span>
              <span className="phase-label">
                {step.label}
                <span className="visually-hidden">: {STATE_LABELS[step.state]}</span>
              </span>
              <span className="phase-duration">
                {step.durationMs === null
                  ? step.state === 'pending'
                    ? ''
                    : '—'
                  : formatDuration(step.durationMs)}
              </span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
