import { memo, useMemo, useState } from 'react';
import { Diff, Hunk, type FileData, type ViewType } from 'react-diff-view';
import type { ChangedFile } from '@shared/contract';
import { highlightHunks } from './highlight';
import { CHANGE_PATH_ATTRIBUTE } from './show-change';

/** Past this many changed lines a file's diff starts folded: one click shows it. */
export const LARGE_DIFF_LINES = 400;

export function changedLines(file: Pick<FileData, 'hunks'>): number {
  return file.hunks.reduce((sum, hunk) => sum + hunk.changes.filter((c) => c.type !== 'normal').length, 0);
}

function fileLabel(file: ChangedFile): string {
  return file.oldPath ? `${file.oldPath} → ${file.path}` : file.path;
}

/** One changed file: its name and counts, then its diff (binary and untracked files are named only). */
export const FileDiff = memo(function FileDiff({
  file,
  diff,
  viewType,
  anchorId,
}: {
  file: ChangedFile;
  diff: FileData | undefined;
  viewType: ViewType;
  anchorId: string;
}) {
  const large = diff !== undefined && changedLines(diff) > LARGE_DIFF_LINES;
  const [open, setOpen] = useState(!large);
  const tokens = useMemo(
    () => (open && diff && !diff.isBinary ? highlightHunks(diff.hunks, file.path) : null),
    [open, diff, file.path],
  );
  return (
    <section
      className="file-diff"
      id={anchorId}
      aria-label={`Changes to ${file.path}`}
      {...{ [CHANGE_PATH_ATTRIBUTE]: file.path }}
    >
      <header className="file-diff-head">
        <span className="file-diff-name mono" title={fileLabel(file)}>
          {fileLabel(file)}
        </span>
        <FileCounts file={file} />
      </header>
      {file.binary ? (
        <p className="muted file-diff-note">Binary file: not shown.</p>
      ) : file.untracked ? (
        <p className="muted file-diff-note">
          New file, not added to git yet: its content is in the worktree.
        </p>
      ) : !diff ? (
        <p className="muted file-diff-note">Its diff is past what was read (the diff is cut at 2 MB).</p>
      ) : !open ? (
        <p className="file-diff-note">
          <button type="button" className="button button-small" onClick={() => setOpen(true)}>
            Show {changedLines(diff).toLocaleString()} changed lines
          </button>
        </p>
      ) : (
        <div className="file-diff-body">
          <Diff viewType={viewType} diffType={diff.type} hunks={diff.hunks} tokens={tokens}>
            {(hunks) => hunks.map((hunk) => <Hunk key={hunk.content} hunk={hunk} />)}
          </Diff>
        </div>
      )}
    </section>
  );
});

export function FileCounts({ file }: { file: ChangedFile }) {
  if (file.binary) return <span className="file-counts muted">binary</span>;
  if (file.untracked) return <span className="file-counts muted">untracked</span>;
  return (
    <span className="file-counts" aria-label={`${file.additions} added, ${file.deletions} deleted`}>
      <span className="count-added">+{file.additions}</span>{' '}
      <span className="count-deleted">−{file.deletions}</span>
    </span>
  );
}
