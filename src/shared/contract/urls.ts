import { trimmedLine } from './common';

/**
 * GitHub's own rules: an owner is letters, digits and dashes (managed enterprise users add an
 * underscore: `octocat_acme`); a name adds dots and underscores.
 */
const OWNER = '[A-Za-z0-9](?:[A-Za-z0-9_-]{0,38})';
const NAME = '[A-Za-z0-9._-]{1,100}';

const CANONICAL_REPOSITORY = new RegExp(`^https://github\\.com/(${OWNER})/(${NAME}?)(?:\\.git)?/?$`);
/** Shapes a person may paste instead; each is refused with the canonical URL as the hint. */
const NEAR_REPOSITORY = [
  new RegExp(`^(?:https?://)?(?:www\\.)?github\\.com/(${OWNER})/(${NAME}?)(?:\\.git)?/?$`, 'i'),
  new RegExp(`^(?:ssh://)?git@github\\.com[:/](${OWNER})/(${NAME}?)(?:\\.git)?/?$`, 'i'),
];

function withoutDotGit(name: string): string {
  return name.endsWith('.git') ? name.slice(0, -'.git'.length) : name;
}

/**
 * Why `url` is not a GitHub repository page URL, or null when it is. The rule: exactly
 * `https://github.com/OWNER/NAME` (a trailing `/` or `.git` is tolerated and dropped by
 * `canonicalRepositoryUrl`). A URL without `https://`, with `http://` or `www.`, or the ssh
 * form is refused with the URL meant, rather than silently rewritten: the user sees what is
 * stored.
 */
export function repositoryUrlProblem(url: string): string | null {
  const canonical = CANONICAL_REPOSITORY.exec(url);
  if (canonical) {
    const name = withoutDotGit(canonical[2] ?? '');
    return name === '' || name === '.' || name === '..'
      ? 'must name a repository: https://github.com/OWNER/NAME'
      : null;
  }
  for (const shape of NEAR_REPOSITORY) {
    const match = shape.exec(url);
    if (match?.[1] && match[2]) {
      return `must be a GitHub repository URL; did you mean https://github.com/${match[1]}/${withoutDotGit(match[2])}?`;
    }
  }
  return 'must be a GitHub repository URL like https://github.com/OWNER/NAME';
}

/** `https://github.com/OWNER/NAME` for a URL `repositoryUrlProblem` accepts. */
export function canonicalRepositoryUrl(url: string): string {
  const match = CANONICAL_REPOSITORY.exec(url);
  if (!match?.[1] || !match[2]) return url;
  return `https://github.com/${match[1]}/${withoutDotGit(match[2])}`;
}

const URL_SCHEMES = new Set(['https:', 'http:', 'ssh:', 'git:', 'file:', 'git+ssh:', 'ssh+git:']);
/** git's scp-like form `[user@]host:path`: the host has no slash, the path does not start with `//`. */
const SCP_LIKE = /^(?:[A-Za-z0-9._~-]+@)?[A-Za-z0-9.-]+:(?!\/\/)[^\s]+$/;
/** A path on the runner; relative ones would depend on the directory a script runs in. */
const LOCAL_PATH = /^(?:\/|\.\.?\/)/;

function urlFormProblem(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return 'is not a URL git can clone';
  }
  if (!URL_SCHEMES.has(parsed.protocol)) {
    return `uses ${parsed.protocol.slice(0, -1)}://, which git does not clone from; use https://, ssh://, git:// or file://`;
  }
  if (parsed.protocol !== 'file:' && parsed.hostname === '') return 'must name a host';
  if (parsed.pathname === '' || parsed.pathname === '/') return 'must name a repository after the host';
  return null;
}

/**
 * Why git could not clone `url`, or null when it could. Accepted, as git takes them:
 * `https://`, `http://`, `ssh://`, `git://`, `file://` URLs with a host (file: without) and a
 * path; the scp-like `git@host:owner/name.git`; and paths on the runner that start with `/`,
 * `./` or `../`. Nothing else (`not a url`, `-upload-pack=…`, a bare word) is a repository.
 */
export function gitUrlProblem(url: string): string | null {
  if (url.startsWith('-')) return 'must not start with -';
  if (LOCAL_PATH.test(url)) return null;
  if (/^[A-Za-z][A-Za-z0-9+.-]*:\/\//.test(url)) return urlFormProblem(url);
  if (SCP_LIKE.test(url)) return null;
  return 'must be a URL git can clone, like https://github.com/OWNER/NAME.git, git@github.com:OWNER/NAME.git or a path starting with /';
}

const refusedBy = (problem: (url: string) => string | null) => (url: string, ctx: RefinementContext) => {
  if (url === '') return;
  const message = problem(url);
  if (message !== null) ctx.addIssue({ code: 'custom', message, input: url });
};

interface RefinementContext {
  addIssue(issue: { code: 'custom'; message: string; input: string }): void;
}

/** A project's GitHub page: '' (not set yet) or `https://github.com/OWNER/NAME`, stored canonical. */
export const repositoryUrlSchema = trimmedLine(500)
  .superRefine(refusedBy(repositoryUrlProblem))
  .transform(canonicalRepositoryUrl);

/** What a runner clones: '' (not set yet) or a URL or path `gitUrlProblem` accepts. */
export const gitUrlSchema = trimmedLine(500).superRefine(refusedBy(gitUrlProblem));
