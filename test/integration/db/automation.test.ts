import { describe, expect, it } from 'vitest';
import { AUTOMATION_EVENTS_KEPT } from '../../../src/main/core/repositories/automation';
import { makeProject, makeTask, useDatabase } from './helpers';

describe('the automation log', () => {
  const ctx = useDatabase();

  it('keeps the newest decisions only, across a restart', () => {
    const { repos } = ctx();
    const task = makeTask(repos, makeProject(repos, 'api').id);
    const url = 'https://github.com/acme/api/pull/1';
    ctx().db.transaction(() => {
      for (let i = 0; i < AUTOMATION_EVENTS_KEPT + 3; i++)
        repos.automation.log({
          taskId: task.id,
          pullRequestUrl: url,
          outcome: 'no-new-feedback',
          detail: `pass ${i}`,
          dispatchId: null,
        });
    })();
    repos.automation.pruneEvents();
    ctx().reopen();
    const kept = ctx().repos.automation.listEvents({ taskId: task.id, limit: AUTOMATION_EVENTS_KEPT + 10 });
    expect(kept).toHaveLength(AUTOMATION_EVENTS_KEPT);
    expect(kept[0]!.detail).toBe(`pass ${AUTOMATION_EVENTS_KEPT + 2}`);
    expect(kept.at(-1)!.detail).toBe('pass 3');
  });

  it('starts the count of check fixes again once the checks pass, and says the limit again then', () => {
    const { repos } = ctx();
    const task = makeTask(repos, makeProject(repos, 'api').id);
    const url = 'https://github.com/acme/api/pull/2';
    repos.automation.saveStatus({
      url,
      taskId: task.id,
      state: 'open',
      headSha: 'a'.repeat(40),
      checks: 'failing',
      failingChecks: ['test'],
      reviewDecision: 'none',
    });
    expect(repos.automation.countCheckFix(url, 'a'.repeat(40))).toBe(1);
    expect(repos.automation.countCheckFix(url, 'b'.repeat(40))).toBe(2);
    repos.automation.markCheckFixLimitSaid(url);
    repos.automation.resetCheckFixes(url);
    expect(repos.automation.getStatus(url)).toMatchObject({ checkFixCount: 0, checkFixLimitSaid: false });
  });
});
