import { AppError } from '../../errors';

/** `owner/name` of a GitHub repository URL (https or ssh form), or a clear error. */
export function parseGithubRepository(repoUrl: string): { owner: string; name: string } {
  const trimmed = repoUrl
    .trim()
    .replace(/\/+$/, '')
    .replace(/\.git$/, '');
  const match =
    /^https?:\/\/(?:www\.)?github\.com\/([A-Za-z0-9_.-]+)\/([A-Za-z0-9_.-]+)$/.exec(trimmed) ??
    /^(?:ssh:\/\/)?git@github\.com[:/]([A-Za-z0-9_.-]+)\/([A-Za-z0-9_.-]+)$/.exec(trimmed);
  if (!match) {
    throw new AppError(
      'VALIDATION_FAILED',
      `The project's repository URL ${JSON.stringify(repoUrl)} is not a GitHub repository URL (https://github.com/OWNER/NAME).`,
      'repoUrl',
    );
  }
  return { owner: match[1]!, name: match[2]! };
}
