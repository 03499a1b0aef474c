/**
 * The agents' bash fragments, bundled as text. They are static: user data reaches them only
 * through files in the run directory.
 */
const files = import.meta.glob('./**/*.sh', { query: '?raw', import: 'default', eager: true }) as Record<
  string,
  string
>;

function load(path: string): string {
  const text = files[`./${path}`];
  if (text === undefined) throw new Error(`agent fragment ${path} is missing from the bundle`);
  return text;
}

/** The common helpers followed by the agent's own fragment (e.g. 'codex/run.sh'). */
export function launchFragment(path: string): string {
  return `${load('common.sh')}\n${load(path)}`;
}
