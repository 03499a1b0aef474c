import { AGENT_ENTRY_KINDS, type AgentEntryKind } from './agent-entry';
import { LAUNCH_PHASE_LABELS } from './dispatch';

/**
 * One entry of a run's timeline as people read it, in the window and in the terminal: its
 * `data` is free-form (written by the agent adapters and services), so each field is checked.
 */
export interface RunEntryEvent {
  readonly kind: string;
  readonly data: Readonly<Record<string, unknown>>;
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

/** A launch phase's words: the label its event carried, else the phase's own label or name. */
export function launchPhaseLabel(phase: string, fallback: string): string {
  return fallback || (LAUNCH_PHASE_LABELS as Record<string, string>)[phase] || phase;
}

/** 850 ms, 12 s, 4 min 05 s, 1 h 02 min. */
export function formatDuration(durationMs: number): string {
  if (durationMs < 1000) return `${Math.max(0, Math.round(durationMs))} ms`;
  const seconds = Math.floor(durationMs / 1000);
  if (seconds < 60) return durationMs < 10_000 ? `${(durationMs / 1000).toFixed(1)} s` : `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min ${String(seconds % 60).padStart(2, '0')} s`;
  return `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, '0')} min`;
}

const AGENT_KINDS: readonly AgentEntryKind[] = AGENT_ENTRY_KINDS;

/** One run event as the live view shows it; `data` checked field by field (it is free-form). */
export type EntryView =
  | { kind: 'phase'; label: string }
  | { kind: 'note'; level: 'info' | 'warning' | 'error'; text: string }
  | { kind: 'agent'; entry: AgentEntryKind; text: string; detail: string; exitCode: number | null }
  | { kind: 'trimmed'; text: string }
  | { kind: 'other'; label: string; text: string };

export function describeEvent(event: RunEntryEvent): EntryView {
  const data = event.data;
  switch (event.kind) {
    case 'phase':
      return { kind: 'phase', label: launchPhaseLabel(text(data.phase), text(data.label)) };
    case 'note': {
      const level = data.level === 'warning' || data.level === 'error' ? data.level : 'info';
      return { kind: 'note', level, text: text(data.text) };
    }
    case 'agent': {
      const entry = AGENT_KINDS.find((k) => k === data.kind) ?? 'status';
      const exitCode =
        typeof data.exitCode === 'number' && Number.isInteger(data.exitCode) ? data.exitCode : null;
      return { kind: 'agent', entry, text: text(data.text), detail: text(data.detail), exitCode };
    }
    case 'trimmed':
      return { kind: 'trimmed', text: text(data.text) || 'Older output was trimmed.' };
    default:
      return {
        kind: 'other',
        label:
          event.kind === 'iteration' ? 'Iteration' : event.kind === 'automation' ? 'Automation' : event.kind,
        text: text(data.text) || text(data.summary) || JSON.stringify(data),
      };
  }
}
