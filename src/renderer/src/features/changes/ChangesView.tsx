import { useId, useMemo, useState } from 'react';
import type { ViewType } from 'react-diff-view';
import 'react-diff-view/style/index.css';
import type { ChangedFile } from '@shared/contract';
import { formatTime } from '@renderer/lib/format';
import { plural } from '@renderer/lib/format';
import { diffsForFiles } from './diff-files';
import { FileCounts, FileDiff } from './FileDiff';
import { useChanges } from './use-changes';

function totals(files: readonly ChangedFile[]): { added: number; deleted: number } {
  return files.reduce(
    (sum, file) => ({
      added: sum.added + (file.additions ?? 0),
      deleted: sum.deleted + (file.deletions ?? 0),
    }),
    { added: 0, deleted: 0 },
  );
}

/**
 * What the run's branch changed against its base, read from the worktree on the runner: the
 * files with their counts, each file's diff (unified or side by side, highlighted), the commits.
 * Read again every few seconds while the run is live.
 */
export function ChangesView({ runId, live }: { runId: string; live: boolean }) {
  const headingId = useId();
  const { changes, error, loading, refresh } = useChanges(runId, live);
  const [viewType, setViewType] = useState<ViewType>('unified');
  const sum = changes ? totals(changes.files) : null;
  const diffs = useMemo(() => diffsForFiles(changes?.patch ?? '', changes?.files ?? []), [changes]);
  const anchor = (index: number) => `${headingId}-file-${index}`;

  return (
    <section className="changes" aria-labelledby={headingId}>
      <header className="changes-head">
        <h2 id={headingId}>Changes</h2>
        {changes ? (
          <span className="muted">
            {plural(changes.files.length, 'file')} · <span className="count-added">+{sum!.added}</span>{' '}
            <span className="count-deleted">−{sum!.deleted}</span> · {changes.branch} against{' '}
            {changes.baseBranch}
          </span>
        ) : null}
        <span className="spacer" />
        <div className="segmented" role="group" aria-label="Diff layout">
          {(['unified', 'split'] as const).map((type) => (
            <button
              key={type}
              type="button"
              className="segment"
              aria-pressed={viewType === type}
              onClick={() => setViewType(type)}
            >
              {type === 'unified' ? 'Unified' : 'Split'}
            </button>
          ))}
        </div>
        <button type="button" className="button button-small" onClick={refresh} disabled={loading}>
          {loading ? 'Reading…' : 'Refresh'}
        </button>
      </header>
      {error ? (
        <p className="form-error" role="alert">
          {error}
        </p>
      ) : null}
      {changes?.worktreeGone ? (
        <p className="muted">
          The worktree is gone from the runner (the task was cleaned up), so its changes cannot be shown.
        </p>
      ) : changes && changes.files.length === 0 ? (
        <p className="muted">No changes against {changes.baseBranch} yet.</p>
      ) : null}
      {changes && changes.files.length > 0 ? (
        <>
          <ul className="changed-files" aria-label="Changed files">
            {changes.files.map((file, index) => (
              <li key={file.path}>
                <a
                  href={`#${anchor(index)}`}
                  className="mono"
                  onClick={(e) => {
                    e.preventDefault();
                    document.getElementById(anchor(index))?.scrollIntoView({ block: 'start' });
                  }}
                >
                  {file.path}
                </a>
                <FileCounts file={file} />
              </li>
            ))}
          </ul>
          {changes.patchTruncated ? (
            <p className="muted">
              The diff is larger than 2 MB: the files past that point are listed without it.
            </p>
          ) : null}
          {changes.files.map((file, index) => (
            <FileDiff
              key={file.path}
              file={file}
              diff={diffs.get(file.path)}
              viewType={viewType}
              anchorId={anchor(index)}
            />
          ))}
        </>
      ) : null}
      {changes && changes.commits.length > 0 ? (
        <details className="branch-commits">
          <summary>{plural(changes.commits.length, 'commit')} on the branch</summary>
          <ol aria-label="Commits">
            {changes.commits.map((commit) => (
              <li key={commit.sha}>
                <code>{commit.sha.slice(0, 7)}</code> {commit.subject}{' '}
                <span className="muted">
                  {commit.author}, {formatTime(commit.at)}
                </span>
              </li>
            ))}
          </ol>
        </details>
      ) : null}
    </section>
  );
}
