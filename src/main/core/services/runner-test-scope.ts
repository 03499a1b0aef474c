import type { Runner } from '@shared/contract';

/**
 * What a runner test speaks for: how the runner is reached and what runs there. A test of one
 * runner says nothing about it once any of these changed (its result is dropped, and a test
 * still going when they changed is not kept).
 */
export function testedSettings(runner: Runner): string {
  return JSON.stringify([
    runner.host,
    runner.port,
    runner.user,
    runner.auth,
    runner.hostKeyPolicy,
    runner.workspaceRoot,
    runner.shellPrelude,
    runner.defaultAgent,
  ]);
}
