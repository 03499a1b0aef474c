/** The attribute a file's diff section carries, so other parts of the page can bring it into view. */
export const CHANGE_PATH_ATTRIBUTE = 'data-change-path';

/**
 * Scrolls the Changes view to the diff of `path` (relative to the worktree); false when the page
 * shows no diff of it (a review run, a worktree gone, a file changed back).
 */
export function showChange(path: string): boolean {
  const section = document.querySelector(`[${CHANGE_PATH_ATTRIBUTE}="${CSS.escape(path)}"]`);
  section?.scrollIntoView({ block: 'start', behavior: 'smooth' });
  return section !== null;
}
