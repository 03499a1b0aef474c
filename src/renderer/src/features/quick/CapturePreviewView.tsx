import type { CapturePreview } from '@shared/contract';
import type { TaskPriority } from '@shared/domain/task';
import { AGENT_LABELS } from '@renderer/features/runners/runner-form';
import './capture-preview.css';

const PRIORITY_LABELS: Record<TaskPriority, string> = { high: 'High', medium: 'Medium', low: 'Low' };

function projectText(preview: CapturePreview): string {
  if (preview.project) {
    const alias = preview.project.name.toLocaleLowerCase() !== preview.projectWord.toLocaleLowerCase();
    return alias ? `${preview.project.name} (as “${preview.projectWord}”)` : preview.project.name;
  }
  // A title means the note was read, so the project was looked up (and is missing).
  if (preview.title !== null) return `“${preview.projectWord}”: no such project`;
  return preview.projectWord || '—';
}

function runText(preview: CapturePreview): string {
  if (!preview.queue) return 'Not run: it waits in the backlog';
  return preview.runner ? preview.runner.name : '—';
}

export interface CapturePreviewViewProps {
  preview: CapturePreview;
  /** The line changed since this was read. */
  stale: boolean;
  /** All on one line (the tray's small window); else a field per line. */
  inline?: boolean;
}

/**
 * What a quick-capture line becomes, field by field, as the core reads it; what would stop it is
 * said under the fields.
 */
export function CapturePreviewView({ preview, stale, inline = false }: CapturePreviewViewProps) {
  const rows: [string, string][] = [
    ['Project', projectText(preview)],
    ['Title', preview.title ?? '—'],
    ['Priority', preview.priority ? PRIORITY_LABELS[preview.priority] : '—'],
    ['Runner', runText(preview)],
  ];
  if (preview.queue) rows.push(['Agent', preview.agent ? AGENT_LABELS[preview.agent] : '—']);
  if (preview.iterate) {
    rows.push([
      'Until',
      `${preview.iterate.evalCommand} passes (at most ${preview.iterate.maxIterations} runs)`,
    ]);
  }
  // One line in the tray's window: the problem, when there is one, in place of the fields.
  const showFields = !inline || preview.problem === null;
  return (
    <div
      className={`capture-preview${inline ? ' capture-preview-inline' : ''}${stale ? ' capture-preview-stale' : ''}`}
    >
      {showFields ? (
        <dl className="capture-preview-fields" aria-label="What this line becomes">
          {rows.map(([term, value]) => (
            <div
              key={term}
              className={`capture-preview-field${term === 'Title' ? ' capture-preview-title' : ''}`}
            >
              <dt>{term}</dt>
              <dd>{value}</dd>
            </div>
          ))}
        </dl>
      ) : null}
      {preview.problem ? (
        // Not an alert: it changes with every key typed. Enter's own failure is announced.
        <p className="capture-preview-problem">{preview.problem}</p>
      ) : null}
    </div>
  );
}
