import { parseDiff, type FileData } from 'react-diff-view';
import type { ChangedFile } from '@shared/contract';

/**
 * Each changed file's parsed diff, by the file's path. git lists files in the same order in its
 * numstat and its diff, so they are paired by order: the diff's own names are C-quoted or end in
 * a tab for odd names, which the parser does not undo. Untracked files have no diff; a diff cut
 * at its cap covers only the first files.
 */
export function diffsForFiles(patch: string, files: readonly ChangedFile[]): Map<string, FileData> {
  const byPath = new Map<string, FileData>();
  if (patch.trim() === '') return byPath;
  let parsed: FileData[];
  try {
    parsed = parseDiff(patch);
  } catch {
    // A diff cut mid-file may not parse: the files list still says what changed.
    return byPath;
  }
  const tracked = files.filter((file) => !file.untracked);
  parsed.forEach((diff, index) => {
    const file = tracked[index];
    if (file) byPath.set(file.path, diff);
  });
  return byPath;
}
