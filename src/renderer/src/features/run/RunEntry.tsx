import { memo, useState, type ReactNode } from 'react';
import type { RunEvent } from '@shared/contract';
import { Markdown } from '@renderer/components/Markdown';
import {
  describeEvent,
  formatDuration,
  type AgentEntryKind,
  type EntryView,
} from '@renderer/stores/run-timeline';
import { showChange } from '@renderer/features/changes/show-change';
import { callOutcome, filesOf, pathInWorktree, usageOf, type CallOutcome } from './run-calls';
import { UsageFigure } from './UsageFigure';
import './run-output.css';

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
  usage: 'Usage',
  'call-result': 'Result',
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

/** Lines of command output shown before the rest is asked for. */
export const OUTPUT_LINES = 6;

/** A command's output: its last few lines, the earlier ones on request. */
function Output({ text }: { text: string }) {
  const [all, setAll] = useState(false);
  const lines = text.split('\n');
  const hidden = all ? 0 : Math.max(0, lines.length - OUTPUT_LINES);
  return (
    <div className="run-output-lines">
      {hidden > 0 || all ? (
        <button
          type="button"
          className="button button-ghost button-small run-more"
          aria-expanded={all}
          onClick={() => setAll(!all)}
        >
          {all ? 'Show the last lines only' : `Show ${hidden} earlier ${hidden === 1 ? 'line' : 'lines'}`}
        </button>
      ) : null}
      <pre className="run-detail" aria-label="Output">
        {hidden > 0 ? lines.slice(hidden).join('\n') : text}
      </pre>
    </div>
  );
}

/** How a command or tool call ended: exit code (or failure) and how long it took. */
function Outcome({ outcome }: { outcome: CallOutcome }) {
  if (outcome.running) return <span className="badge run-call-running">running</span>;
  return (
    <>
      {outcome.exitCode !== null ? (
        <span
          className={`badge ${outcome.exitCode === 0 ? 'run-exit-ok' : 'run-exit-failed'}`}
          title="Exit code"
        >
          exit {outcome.exitCode}
        </span>
      ) : outcome.failed ? (
        <span className="badge run-exit-failed">failed</span>
      ) : null}
      {outcome.durationMs === null ? null : (
        <span className="run-call-duration muted tabular" title="Duration">
          {outcome.durationMs < 1000 ? '< 1 s' : formatDuration(outcome.durationMs)}
        </span>
      )}
    </>
  );
}

function Files({ event, worktree }: { event: RunEvent; worktree: string }) {
  const files = filesOf(event);
  if (files.length === 0) return <span className="run-entry-title">{String(event.data.text ?? '')}</span>;
  // A compact run of files, not a nested list: each output entry is one item of the log.
  return (
    <div className="run-files">
      {event.data.failed === true ? <span className="badge run-exit-failed">patch failed</span> : null}
      {files.map((file, i) => (
        <span className="run-file" key={`${file.path}-${i}`}>
          {file.change ? (
            <span className={`run-file-change run-file-${file.change}`}>{file.change}</span>
          ) : null}
          <button
            type="button"
            className="run-file-path run-file-link"
            title={`Show the diff of ${file.path}`}
            onClick={() => showChange(pathInWorktree(file.path, worktree))}
          >
            {pathInWorktree(file.path, worktree)}
          </button>
        </span>
      ))}
    </div>
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

function tone(view: EntryView, outcome: CallOutcome | null): string {
  switch (view.kind) {
    case 'phase':
      return 'phase';
    case 'note':
      return `note-${view.level}`;
    case 'agent':
      return outcome?.failed && (view.entry === 'command' || view.entry === 'call-result')
        ? 'command-failed'
        : view.entry;
    default:
      return view.kind;
  }
}

function Body({
  view,
  event,
  outcome,
  worktree,
}: {
  view: EntryView;
  event: RunEvent;
  outcome: CallOutcome | null;
  worktree: string;
}) {
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
                {outcome ? <Outcome outcome={outcome} /> : null}
              </div>
              {outcome?.output ? <Output text={outcome.output} /> : null}
            </>
          );
        case 'call-result':
          return (
            <>
              <div className="run-command">
                <span className="muted">A call whose start was trimmed</span>
                {outcome ? <Outcome outcome={outcome} /> : null}
              </div>
              {outcome?.output ? <Output text={outcome.output} /> : null}
            </>
          );
        case 'usage': {
          const usage = usageOf(event);
          return (
            <div className="run-usage">
              <span className="muted">{view.text}</span>
              {usage ? <UsageFigure usage={usage} /> : null}
            </div>
          );
        }
        case 'file-change':
          return <Files event={event} worktree={worktree} />;
        case 'tool-call':
          return (
            <>
              <div className="run-command">
                <span className="run-entry-title">{view.text}</span>
                {outcome && !outcome.running ? <Outcome outcome={outcome} /> : null}
              </div>
              {outcome?.failed && outcome.output ? (
                <Output text={outcome.output} />
              ) : view.detail && view.detail !== view.text ? (
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

/**
 * One readable line of a run's output; a command or tool call with `ending`, the later entry
 * that says how it ended. Memoised: events never change once stored.
 */
export const RunEntry = memo(function RunEntry({
  event,
  ending,
  live,
  worktree,
}: {
  event: RunEvent;
  ending?: RunEvent | undefined;
  /** The run is still going. */
  live: boolean;
  /** The run's worktree: file paths inside it are shown relative to it. */
  worktree: string;
}) {
  const view = describeEvent(event);
  const isCall =
    view.kind === 'agent' &&
    (view.entry === 'command' || view.entry === 'call-result' || (view.entry === 'tool-call' && ending));
  const outcome = isCall ? callOutcome(event, ending, live) : null;
  return (
    <li className={`run-entry run-entry-${tone(view, outcome)}`} data-seq={event.seq}>
      <time className="run-entry-time" dateTime={event.at}>
        {timeOf(event.at)}
      </time>
      <span className="run-entry-kind">{label(view)}</span>
      <div className="run-entry-body">
        <Body view={view} event={event} outcome={outcome} worktree={worktree} />
      </div>
    </li>
  );
});
