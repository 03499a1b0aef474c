import type { BranchCommit, ChangedFile } from '@shared/contract';
import { AppError } from '../../errors';
import { frameError, parseFrames, type Frame } from '../frames';
import type { RemoteHost } from '../remote-host';
import { REFUSED_PATH_EXIT, RefusedPath } from './run-script';

/** read-changes.sh's answer when the worktree does not exist (any more). */
const WORKTREE_GONE_EXIT = 66;

/** What read-changes.sh answers, parsed. */
export interface WorktreeChanges {
  baseSha: string;
  headSha: string;
  files: ChangedFile[];
  patch: string;
  patchTruncated: boolean;
  commits: BranchCommit[];
}

/**
 * Reads what a worktree's branch changed against its base branch (read-changes.sh), in one
 * remote call; the patch is cut at `patchCapBytes`. Null when the worktree is gone.
 */
export async function readWorktreeChanges(
  host: RemoteHost,
  request: { workspaceRoot: string; worktree: string; baseBranch: string },
  patchCapBytes: number,
): Promise<WorktreeChanges | null> {
  const result = await host.run(
    'read-changes',
    [request.workspaceRoot, request.worktree, request.baseBranch, String(patchCapBytes + 1)],
    { timeoutMs: 60_000 },
  );
  if (result.exitCode === WORKTREE_GONE_EXIT) return null;
  if (result.exitCode !== 0) {
    const said = result.stderr.toString('utf8').trim().split('\n').slice(-3).join('\n');
    if (result.exitCode === REFUSED_PATH_EXIT)
      throw new RefusedPath(`read-changes refused the worktree: ${said}`);
    throw new AppError(
      'REMOTE_FAILED',
      `Reading the changes failed (exit ${result.exitCode})${said ? `: ${said}` : ''}`,
    );
  }
  const out = result.stdout;
  const frames = parseFrames(out, 'read-changes');
  const part = (kind: string): Frame => {
    const frame = frames.get(`${kind} 0`);
    if (!frame) throw new AppError('REMOTE_FAILED', `read-changes answered no ${kind}.`);
    if (frame.exitCode !== 0)
      throw new AppError('REMOTE_FAILED', `Reading the changes: ${frameError(frame)}`);
    return frame;
  };
  const [baseSha = '', headSha = ''] = part('META').stdout.trim().split(' ');
  const patch = part('PATCH').stdout;
  const untracked = part('UNTRACKED')
    .stdout.split('\0')
    .filter((path) => path !== '');
  return {
    baseSha,
    headSha,
    files: [...parseNumstat(part('NUMSTAT').stdout), ...untracked.map(untrackedFile)],
    patch: Buffer.byteLength(patch) > patchCapBytes ? cutAtLine(patch, patchCapBytes) : patch,
    patchTruncated: Buffer.byteLength(patch) > patchCapBytes,
    commits: parseLog(part('LOG').stdout),
  };
}

function untrackedFile(path: string): ChangedFile {
  return { path, oldPath: null, additions: null, deletions: null, binary: false, untracked: true };
}

/**
 * `git diff --numstat -z`: `ADDED\tDELETED\tPATH\0`, or for a rename `ADDED\tDELETED\t\0OLD\0NEW\0`;
 * a binary file counts `-` lines.
 */
export function parseNumstat(text: string): ChangedFile[] {
  const fields = text.split('\0');
  const files: ChangedFile[] = [];
  for (let i = 0; i < fields.length; i++) {
    const match = /^(-|\d+)\t(-|\d+)\t(.*)$/s.exec(fields[i]!);
    if (!match) continue;
    const [, added, deleted, path] = match as unknown as [string, string, string, string];
    const binary = added === '-' && deleted === '-';
    const counts = {
      additions: binary ? null : Number(added),
      deletions: binary ? null : Number(deleted),
      binary,
      untracked: false,
    };
    if (path === '') {
      files.push({ path: fields[i + 2] ?? '', oldPath: fields[i + 1] ?? null, ...counts });
      i += 2;
    } else {
      files.push({ path, oldPath: null, ...counts });
    }
  }
  return files;
}

/** `git log -z --format=%H%x1f%an%x1f%aI%x1f%s`. */
export function parseLog(text: string): BranchCommit[] {
  return text
    .split('\0')
    .map((record) => record.replace(/^\n/, ''))
    .filter((record) => record !== '')
    .map((record) => {
      const [sha = '', author = '', at = '', subject = ''] = record.split('\x1f');
      return { sha, author, at, subject };
    });
}

/**
 * The patch cut at its last line end within `bytes` bytes: a half line would not parse, and a
 * character the cap split (decoded as U+FFFD) is past that line end.
 */
function cutAtLine(patch: string, bytes: number): string {
  const encoded = Buffer.from(patch, 'utf8');
  const end = encoded.lastIndexOf(0x0a, bytes - 1);
  return end < 0 ? '' : encoded.subarray(0, end + 1).toString('utf8');
}
