import { memo, useState, type ReactNode } from 'react';
import type { RunEvent } from '@shared/contract';
import { Markdown } from '@renderer/components/Markdown';
import { describeEvent, type AgentEntryKind, type EntryView } from '@renderer/stores/run-timeline';

const clock = new Intl.DateTimeFormat(undefined, {
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hour12: false,
});

function timeOf(iso: string): string {
  const t = Date.parse(iso);
  return Number.isNaN(t) ? '' : clock.format(t);
}

const AGENT_LABELS: Record<AgentEntryKind, string> = {
  message: 'Agent',
  reasoning: 'Thinking',
  command: 'Command',
  'file-change': 'Files',
  'tool-call': 'Tool',
  error: 'Error',
  status: 'Status',
};

/** Longer texts show their start and a button for the rest, so one entry cannot flood the view. */
const CLIP_CHARS = 1500;

function Clipped({ text, render }: { text: string; render?: (text: string) => ReactNode }) {
  const [all, setAll] = useState(false);
  const long = text.length > CLIP_CHARS;
  const shown = long && !all ? `${text.slice(0, CLIP_CHARS)}…` : text;
  return (
    <>
      {render ? render(shown) : <span className="prewrap">{shown}</span>}
      {long ? (
        <button
          type="button"
          className="button button-ghost button-small run-more"
          onClick={() => setAll(!all)}
        >
          {all ? 'Show less' : `Show all ${text.length.toLocaleString()} characters`}
        </button>
      ) : null}
    </>
  );
}

function label(view: EntryView): string {
  switch (view.kind) {
    case 'phase':
      return 'Phase';
    case 'note':
      return view.level === 'error' ? 'Error' : view.level === 'warning' ? 'Warning' : 'Note';
    case 'agent':
      return AGENT_LABELS[view.entry];
    case 'trimmed':
      return 'Trimmed';
    case 'other':
      return view.label;
  }
}

function tone(view: EntryView): string {
  switch (view.kind) {
    case 'phase':
      return 'phase';
    case 'note':
      return `note-${view.level}`;
    case 'agent':
      return view.entry === 'command' && view.exitCode !== null && view.exitCode !== 0
        ? 'command-failed'
        : view.entry;
    default:
      return view.kind;
  }
}

function Body({ view }: { view: EntryView }) {
  switch (view.kind) {
    case 'phase':
      return <span className="run-entry-phase-label">{view.label}</span>;
    case 'note':
    case 'trimmed':
    case 'other':
      return <Clipped text={view.text} />;
    case 'agent':
      switch (view.entry) {
        case 'message':
          return <Clipped text={view.text} render={(text) => <Markdown source={text} headingOffset={3} />} />;
        case 'command':
          return (
            <>
              <div className="run-command">
                <code className="run-command-line">
                  <span aria-hidden="true">$ </span>
                  {view.text}
                </code>
                {view.exitCode === null ? null : (
                  <span
                    className={`badge ${view.exitCode === 0 ? 'run-exit-ok' : 'run-exit-failed'}`}
                    title="Exit code"
                  >
                    exit {view.exitCode}
                  </span>
                )}
              </div>
              {view.detail ? (
                <pre className="run-detail" aria-label="Output tail">
                  {view.detail}
                </pre>
              ) : null}
            </>
          );
        case 'file-change':
        case 'tool-call':
          return (
            <>
              <span className="run-entry-title">{view.text}</span>
              {view.detail && view.detail !== view.text ? (
                <pre className="run-detail">{view.detail}</pre>
              ) : null}
            </>
          );
        default:
          return (
            <>
              <Clipped text={view.text} />
              {view.detail ? <pre className="run-detail run-detail-quiet">{view.detail}</pre> : null}
            </>
          );
      }
  }
}

/** One readable line of a run's output. Memoised: events never change once stored. */
export const RunEntry = memo(function RunEntry({ event }: { event: RunEvent }) {
  const view = describeEvent(event);
  return (
    <li className={`run-entry run-entry-${tone(view)}`} data-seq={event.seq}>
      <time className="run-entry-time" dateTime={event.at}>
        {timeOf(event.at)}
      </time>
      <span className="run-entry-kind">{label(view)}</span>
      <div className="run-entry-body">
        <Body view={view} />
      </div>
    </li>
  );
});
