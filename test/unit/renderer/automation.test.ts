import { describe, expect, it } from 'vitest';
import type { AutomationEvent } from '@shared/contract';
import { AUTOMATION_OUTCOMES } from '@shared/domain/automation';
import { automationSchedule } from '@renderer/features/automation/automation-schedule';
import { checkResult } from '@renderer/features/automation/CheckPullRequestsButton';
import { OUTCOME_LABELS } from '@renderer/features/automation/outcome-labels';
import { AUTOMATION_HREF, navPage, routeFromHash } from '@renderer/lib/route';
import { addEvents, mergeAutomationEvents } from '@renderer/stores/automation-log';
import { at, id } from './fixtures';

function event(n: number, patch: Partial<AutomationEvent> = {}): AutomationEvent {
  return {
    id: n,
    taskId: id('tsk', 1),
    pullRequestUrl: 'https://github.com/acme/api/pull/1',
    outcome: 'no-new-feedback',
    detail: 'Nothing new.',
    dispatchId: null,
    at: at(n),
    ...patch,
  };
}

describe('the automation log', () => {
  it('keeps distinct decisions, newest first, up to a cap', () => {
    const held = [event(3), event(1)];
    expect(addEvents(held, [event(2), event(3, { detail: 'again' })]).map((e) => e.id)).toEqual([3, 2, 1]);
    expect(addEvents(held, [event(4)], 2).map((e) => e.id)).toEqual([4, 3]);
  });

  it('shows what a view read with what was heard since, of its task only', () => {
    const other = id('tsk', 2);
    const fetched = [event(5), event(2)];
    const live = [event(7, { taskId: other }), event(6), event(5)];
    expect(
      mergeAutomationEvents(fetched, live, { taskId: id('tsk', 1), limit: 200 }).map((e) => e.id),
    ).toEqual([6, 5, 2]);
    expect(mergeAutomationEvents(fetched, live, { limit: 3 }).map((e) => e.id)).toEqual([7, 6, 5]);
  });

  it('has a label for every outcome', () => {
    for (const outcome of AUTOMATION_OUTCOMES) expect(OUTCOME_LABELS[outcome].label).not.toBe('');
    expect(new Set(Object.values(OUTCOME_LABELS).map((o) => o.label)).size).toBe(AUTOMATION_OUTCOMES.length);
  });

  it('says what a check decided', () => {
    expect(checkResult([], true)).toBe('No open pull request to check.');
    expect(checkResult([], false)).toBe('No open task has a pull request to check.');
    expect(checkResult([event(1, { outcome: 'queued-follow-up' })], true)).toBe(
      `Checked: ${OUTCOME_LABELS['queued-follow-up'].label}.`,
    );
    expect(checkResult([event(1), event(2)], false)).toBe('Checked 2 pull requests.');
  });

  it('says when Sortie looks by itself: Settings’ follow-up or a project’s opt-in', () => {
    const off = { reviewFollowUpEnabled: false, reviewFollowUpIntervalMinutes: 5 };
    const none = { followUpFailingChecks: false, closeOnMerge: false };
    expect(automationSchedule(null, [])).toBe('');
    expect(automationSchedule(off, [none])).toMatch(/only when asked/);
    expect(automationSchedule({ ...off, reviewFollowUpEnabled: true }, [])).toMatch(/every 5 minutes/);
    expect(
      automationSchedule({ ...off, reviewFollowUpIntervalMinutes: 1 }, [{ ...none, closeOnMerge: true }]),
    ).toMatch(/every 1 minute,/);
  });

  it('lives at #/automation, under the Runs entry', () => {
    const route = routeFromHash(AUTOMATION_HREF);
    expect(route).toEqual({ page: 'automation' });
    expect(navPage(route)).toBe('runs');
  });
});
