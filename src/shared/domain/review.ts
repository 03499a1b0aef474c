/**
 * Pull request reviews (BEHAVIOR item 11). A review is one pull request the user asked Sortie to
 * review; each of its runs is a run of kind 'review' (see dispatch.ts) pinned to the PR head
 * commit read when it was queued.
 */

/** A GitHub pull request URL: https://github.com/OWNER/NAME/pull/N (a trailing path or query is ignored). */
export const PULL_REQUEST_URL =
  /^https:\/\/github\.com\/([A-Za-z0-9](?:[A-Za-z0-9-]{0,38}))\/([A-Za-z0-9._-]{1,100})\/pull\/([1-9][0-9]{0,9})(?:[/?#].*)?$/;

export interface PullRequestRef {
  owner: string;
  name: string;
  number: number;
  /** The canonical URL, without anything after the number. */
  url: string;
}

/** The pull request a URL names, or null when it is not a GitHub pull request URL. */
export function parsePullRequestUrl(text: string): PullRequestRef | null {
  const match = PULL_REQUEST_URL.exec(text.trim());
  if (!match) return null;
  const [, owner, name, number] = match as unknown as [string, string, string, string];
  if (name === '.' || name === '..') return null;
  return { owner, name, number: Number(number), url: `https://github.com/${owner}/${name}/pull/${number}` };
}

/**
 * A reported pull request address as Sortie keeps it: a GitHub PR's canonical URL (nothing
 * after the number), any other address as given. One PR then has one address everywhere.
 */
export function canonicalPullRequestUrl(url: string): string {
  return parsePullRequestUrl(url)?.url ?? url.trim();
}

/** What tells two addresses of one pull request the same (GitHub's names ignore case). */
export function pullRequestKey(url: string): string {
  return canonicalPullRequestUrl(url).toLowerCase();
}

/** A full commit id as GitHub reports a PR head. */
export const COMMIT_SHA = /^[0-9a-f]{40}$/;

/** A submitted review's address on GitHub: the pull request's URL with a review anchor. */
export const GITHUB_REVIEW_URL =
  /^https:\/\/github\.com\/[^\s/#?]+\/[^\s/#?]+\/pull\/[1-9][0-9]*#pullrequestreview-[0-9]+$/;
