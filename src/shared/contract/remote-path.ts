import { requiredLine } from './common';

export const REMOTE_PATH_MAX_LENGTH = 500;

const HOME_PREFIX = '~/';

/** The segments after the leading `/` or `~/`, or null when the path starts with neither. */
function segmentsOf(path: string): string[] | null {
  if (path.startsWith(HOME_PREFIX)) return path.slice(HOME_PREFIX.length).split('/');
  if (path.startsWith('/')) return path.slice(1).split('/');
  return null;
}

function remotePathProblem(path: string): string | null {
  const segments = segmentsOf(path);
  if (path === '~' || (segments !== null && segments.length === 1 && segments[0] === '')) {
    return 'must name a folder below / or ~, not / or ~ itself';
  }
  if (segments === null) {
    return "must start with / (an absolute path) or ~/ (inside the runner user's home)";
  }
  if (segments.some((segment) => segment === '.' || segment === '..')) {
    return 'must not contain . or .. segments';
  }
  if (segments.includes('')) return 'must not contain an empty segment (//)';
  return null;
}

/**
 * A path on a runner that Sortie writes under: a workspace root or a registry file. The rule:
 * - it starts with `/` (absolute) or `~/` (the runner user's home; no `~user`, no `$HOME`), so it
 *   can never be read as an option (`-rf`) or depend on the remote shell's current directory;
 * - every later segment is a name: none is empty, `.` or `..`, so the path means what it says
 *   without being resolved, and `/` and `~` themselves are refused;
 * - one trailing slash is dropped (`~/work/sortie/` is stored as `~/work/sortie`);
 * - a single line without control characters, surrounding spaces trimmed, at most
 *   REMOTE_PATH_MAX_LENGTH characters.
 * Whether an absolute path is the runner user's home or one of its ancestors can only be known on
 * the runner, so the remote scripts check that before they remove anything.
 */
export const remotePathSchema = requiredLine(REMOTE_PATH_MAX_LENGTH)
  .overwrite((path) => (path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : path))
  .superRefine((path, ctx) => {
    const problem = remotePathProblem(path);
    if (problem !== null) ctx.addIssue({ code: 'custom', message: problem, input: path });
  });
