import type { Project } from '@shared/contract';
import { reviewWorkspaceKey } from '../../remote';
import type { Repositories } from '../../repositories';
import { parseGithubRepository } from '../dispatch/github-repository';

/** The project whose repository is OWNER/NAME (GitHub names are case-insensitive), if any. */
export function projectOfRepository(
  repos: Pick<Repositories, 'projects'>,
  repository: { owner: string; name: string },
): Project | null {
  const wanted = `${repository.owner}/${repository.name}`.toLowerCase();
  for (const project of repos.projects.list()) {
    try {
      const own = parseGithubRepository(project.repoUrl);
      if (`${own.owner}/${own.name}`.toLowerCase() === wanted) return project;
    } catch {
      // A project without a GitHub repository URL has no pull requests to match.
    }
  }
  return null;
}

/**
 * The review workspace key for OWNER/NAME: the one a review of the same repository already uses,
 * else its slug, made unique against other repositories' keys (`a-b/c` and `a/b-c` both slug to
 * `a-b-c`, and must not share a checkout).
 */
export function workspaceKeyFor(repos: Pick<Repositories, 'reviews'>, repository: string): string {
  const reviews = repos.reviews.list().filter((r) => r.workspaceKey !== '');
  const same = reviews.find((r) => r.repository.toLowerCase() === repository.toLowerCase());
  if (same) return same.workspaceKey;
  const taken = new Set(reviews.map((r) => r.workspaceKey));
  const base = reviewWorkspaceKey(repository);
  let key = base;
  for (let n = 2; taken.has(key); n++) key = `${base.slice(0, 75)}-${n}`;
  return key;
}
