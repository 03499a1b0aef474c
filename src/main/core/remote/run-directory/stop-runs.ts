import type { RemoteHost } from '../remote-host';
import { runScript } from '../workspace/run-script';
import type { StopStatus } from './protocol';

/**
 * Stops runs still going (TERM to each one's process group, a wait, KILL) and records `final`
 * as their status (stop-runs.sh). Finished runs are left as they are.
 */
export async function stopRuns(
  host: RemoteHost,
  workspaceRoot: string,
  runDirs: readonly string[],
  final: StopStatus,
): Promise<void> {
  if (runDirs.length === 0) return;
  await runScript(host, 'stop-runs', [workspaceRoot, final, ...runDirs], { timeoutMs: 30_000 });
}
