import { readFileSync } from 'node:fs';

/**
 * Whether a process of this machine (where the test runners live) is still running. A zombie
 * counts as gone: it has ended and only waits for its parent, or for init, to collect it, which
 * some inits here do late.
 */
export function isRunning(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return false;
  }
}
