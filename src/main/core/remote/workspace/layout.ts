/**
 * Where everything lives in a runner's workspace root. Sortie alone computes these paths, from
 * the runner's root, the project's name and the run's id; nothing an agent or a registry file
 * says is ever used to decide what to change or remove.
 *
 *   <root>/projects/<project>/checkout          the project's clone (origin: the fork, upstream: the repo)
 *   <root>/projects/<project>/worktrees/<runId> one worktree per run (follow-ups reuse their first run's)
 *   <root>/projects/<project>/runs/<runId>      the run directory (see run-directory/protocol.ts)
 *   <root>/reviews/<key>/{checkout,worktrees,runs} the same, for a reviewed repository no project has
 *   <root>/registry.json                        the default registry path
 *
 * Inside a project's folder only Sortie's fixed names occur, so no project name can collide
 * with them. Workspaces of the earlier layout (<root>/<project>/<project> as checkout, with
 * worktrees/, dispatches/, review-runs/ and review-worktrees/ beside it) are still found, continued
 * and cleaned; a legacy project named like a top folder of this layout is not scanned.
 */
export const LAYOUT = {
  projects: 'projects',
  reviews: 'reviews',
  checkout: 'checkout',
  worktrees: 'worktrees',
  runs: 'runs',
} as const;

/** The folders the earlier layout kept beside each project's checkout. */
export const LEGACY_RUN_FOLDERS = ['dispatches', 'review-runs'] as const;
export const LEGACY_WORKTREE_FOLDERS = ['worktrees', 'review-worktrees'] as const;

/** A Sortie id as a shell glob (ID_PATTERN: three letters, `_`, 20 digits or lowercase letters). */
const RUN_ID_GLOB = `[a-z][a-z][a-z]_${'[0-9a-z]'.repeat(20)}`;

export interface ProjectWorkspace {
  /** The project's own folder. */
  dir: string;
  checkout: string;
  worktree(runId: string): string;
  runDir(runId: string): string;
}

function trimRoot(root: string): string {
  return root.length > 1 ? root.replace(/\/+$/, '') : root;
}

/** A workspace of the current layout: its checkout, worktrees and run directories in `dir`. */
function workspaceAt(dir: string): ProjectWorkspace {
  return {
    dir,
    checkout: `${dir}/${LAYOUT.checkout}`,
    worktree: (runId) => `${dir}/${LAYOUT.worktrees}/${runId}`,
    runDir: (runId) => `${dir}/${LAYOUT.runs}/${runId}`,
  };
}

export function projectWorkspace(root: string, projectName: string): ProjectWorkspace {
  return workspaceAt(`${trimRoot(root)}/${LAYOUT.projects}/${projectName}`);
}

/**
 * The workspace of a reviewed repository that no project has, keyed by reviewWorkspaceKey. Its
 * folders are a project's; it lives under reviews/, so no key can meet a project's name.
 */
export function reviewWorkspace(root: string, key: string): ProjectWorkspace {
  return workspaceAt(`${trimRoot(root)}/${LAYOUT.reviews}/${key}`);
}

/** What a review workspace key may be: a plain folder name of lowercase letters, digits and `-`. */
export const REVIEW_WORKSPACE_KEY = /^[a-z0-9][a-z0-9-]{0,79}$/;

/** The review workspace key of OWNER/NAME: `owner-name`, lowercased, anything else as `-`. */
export function reviewWorkspaceKey(repository: string): string {
  const slug = repository
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80)
    .replace(/-+$/, '');
  return slug === '' ? 'review-repo' : slug;
}

export function legacyProjectWorkspace(root: string, projectName: string): ProjectWorkspace {
  const dir = `${trimRoot(root)}/${projectName}`;
  return {
    dir,
    checkout: `${dir}/${projectName}`,
    worktree: (runId) => `${dir}/${LEGACY_WORKTREE_FOLDERS[0]}/${runId}`,
    runDir: (runId) => `${dir}/${LEGACY_RUN_FOLDERS[0]}/${runId}`,
  };
}

/**
 * Names whose legacy workspace is ambiguous (its checkout would be a folder of the current layout
 * or the run folders of its own layout): such paths are never trusted as legacy ones.
 */
const CLASHES_WITH_LEGACY = new Set<string>([
  LAYOUT.projects,
  LAYOUT.reviews,
  ...LEGACY_RUN_FOLDERS,
  ...LEGACY_WORKTREE_FOLDERS,
]);

/**
 * The workspace (current or legacy) a stored worktree or run directory belongs to, when it is
 * exactly the path Sortie computes for one of `runIds` there; null for any other path.
 */
export function workspaceOf(
  root: string,
  projectName: string,
  path: string,
  runIds: readonly string[],
  kind: 'worktree' | 'runDir',
): ProjectWorkspace | null {
  const workspaces = [projectWorkspace(root, projectName)];
  if (!CLASHES_WITH_LEGACY.has(projectName)) workspaces.push(legacyProjectWorkspace(root, projectName));
  for (const workspace of workspaces) {
    if (runIds.some((id) => workspace[kind](id) === path)) return workspace;
  }
  return null;
}

/**
 * The workspace of the current layout (a project's or a review workspace) that `path` is the
 * run's worktree or run directory in: the path must be exactly `<root>/projects/<name>/...` or
 * `<root>/reviews/<key>/...` ending in the folder of that kind and the run's id. Null otherwise.
 * For a run whose project or review no longer says where it lives (a removed project).
 */
export function workspaceOfRunPath(
  root: string,
  runId: string,
  path: string,
  kind: 'worktree' | 'runDir',
): ProjectWorkspace | null {
  const prefix = `${trimRoot(root)}/`;
  if (!path.startsWith(prefix)) return null;
  const [top, name, folder, id, ...rest] = path.slice(prefix.length).split('/');
  if (rest.length > 0 || id !== runId || !name) return null;
  if (folder !== (kind === 'worktree' ? LAYOUT.worktrees : LAYOUT.runs)) return null;
  if (top === LAYOUT.projects && name !== '.' && name !== '..') return projectWorkspace(root, name);
  if (top === LAYOUT.reviews && REVIEW_WORKSPACE_KEY.test(name)) return reviewWorkspace(root, name);
  return null;
}

/** Whether a registry at `registryPath` would sit inside a folder the layout owns. */
export function registryClashesWithLayout(root: string, registryPath: string): boolean {
  const base = trimRoot(root);
  const path = trimRoot(registryPath);
  return [LAYOUT.projects, LAYOUT.reviews].some(
    (folder) => path === `${base}/${folder}` || path.startsWith(`${base}/${folder}/`),
  );
}

/** The layout's names as shell assignments, for the scripts that walk a workspace. */
export function layoutShellDefinitions(): string {
  return [
    ...Object.entries(LAYOUT).map(([key, name]) => `sortie_layout_${key}=${name}`),
    `sortie_legacy_run_folders=(${LEGACY_RUN_FOLDERS.join(' ')})`,
    // Only entries named like a run id are ever removed from a run or worktree folder.
    `sortie_run_id_glob='${RUN_ID_GLOB}'`,
    `sortie_legacy_worktree_folders=(${LEGACY_WORKTREE_FOLDERS.join(' ')})`,
    // Only folders named like a key are taken for review workspaces.
    `sortie_review_key_pattern='${REVIEW_WORKSPACE_KEY.source}'`,
  ].join('\n');
}
