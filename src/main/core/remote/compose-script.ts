import { RUN_KINDS, type RunKind } from '@shared/domain/dispatch';
import { RUN_FILES, shellDefinitions } from './run-directory/protocol';
import { SCRIPT_LIBRARY } from './scripts';
import { layoutShellDefinitions } from './workspace/layout';

/**
 * The protocol's names and Sortie's helpers: what every script may use. A worker defines it
 * once when it starts (see worker.sh); a script that runs on its own carries it.
 */
export const SHELL_LIBRARY = `${shellDefinitions()}\n${layoutShellDefinitions()}\n${SCRIPT_LIBRARY}\n`;

/**
 * The text a worker runs for one remote action: the runner's prelude (the user's own commands
 * that set PATH and toolchains; its output goes to stderr so it can never mix with a script's
 * answer), then the script. User data is never part of this text.
 */
export function composeRequest(prelude: string, script: string): string {
  const trimmed = prelude.trim();
  const preludeBlock =
    trimmed === '' ? 'sortie_prelude_status=0' : `{\n${trimmed}\n} >&2\nsortie_prelude_status=$?`;
  // A prelude may turn on `set -e` or `set -u`: our scripts set their own options.
  return `${preludeBlock}\nset +e +u +o pipefail\n${script}\n`;
}

/** A script that runs on its own (uploaded, started by bash): the library, then the request. */
export function composeScript(prelude: string, script: string): string {
  return `${SHELL_LIBRARY}${composeRequest(prelude, script)}`;
}

/**
 * The launcher uploaded into a run directory. Its pid is recorded before the prelude runs, so
 * launch-run knows at once that it started, however long the prelude takes. `sortie_run_kind`
 * tells the agent fragment what kind of run it starts (a review runs in someone else's code).
 */
export function composeLauncher(
  prelude: string,
  agentFragment: string,
  launcher: string,
  kind: RunKind = 'task',
): string {
  const body = `sortie_run_kind=${RUN_KINDS.includes(kind) ? kind : 'task'}\n${agentFragment}\n${launcher}`;
  return `printf '%s\\n' "$$" >"$1/${RUN_FILES.launcher_pid}"\n${composeScript(prelude, body)}`;
}
