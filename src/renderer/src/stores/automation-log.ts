import { create } from 'zustand';
import type { AutomationEvent } from '@shared/contract';
import { invoke } from '@renderer/api';

/** How many decisions heard since the window opened are kept (the log views read theirs). */
const LIVE_CAP = 500;

const newestFirst = (a: AutomationEvent, b: AutomationEvent) => b.id - a.id;

/** `held` and `incoming` as one list of distinct decisions, newest first, at most `cap` long. */
export function addEvents(
  held: readonly AutomationEvent[],
  incoming: readonly AutomationEvent[],
  cap = LIVE_CAP,
): AutomationEvent[] {
  const byId = new Map<number, AutomationEvent>();
  for (const event of [...held, ...incoming]) byId.set(event.id, event);
  return [...byId.values()].sort(newestFirst).slice(0, cap);
}

/**
 * What a log view shows: the decisions it read (`automation.log`, newest first, at most `limit`)
 * and those heard since, of its task when it has one, newest first and at most `limit`.
 */
export function mergeAutomationEvents(
  fetched: readonly AutomationEvent[],
  live: readonly AutomationEvent[],
  filter: { taskId?: string | undefined; limit: number },
): AutomationEvent[] {
  const heard = filter.taskId === undefined ? live : live.filter((e) => e.taskId === filter.taskId);
  return addEvents(fetched, heard, filter.limit);
}

export interface AutomationLogState {
  /** Decisions heard since the window opened (`automation.logged`, replies), newest first. */
  readonly live: readonly AutomationEvent[];
}

export const useAutomationLogStore = create<AutomationLogState>()(() => ({ live: [] }));

export function applyAutomationEvents(events: readonly AutomationEvent[]): void {
  if (events.length === 0) return;
  useAutomationLogStore.setState((s) => ({ live: addEvents(s.live, events) }));
}

export function applyAutomationEvent(event: AutomationEvent): void {
  applyAutomationEvents([event]);
}

/**
 * Looks at the open tasks' pull requests now (of one task when given) and answers the decisions
 * made, which the log views show at once.
 */
export async function runAutomation(taskId?: string): Promise<AutomationEvent[]> {
  const events = await invoke('automation.run', taskId ? { taskId } : {});
  applyAutomationEvents(events);
  return events;
}

export function useLiveAutomationEvents(): readonly AutomationEvent[] {
  return useAutomationLogStore((s) => s.live);
}
