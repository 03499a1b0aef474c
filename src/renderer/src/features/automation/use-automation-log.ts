import { useEffect, useMemo } from 'react';
import type { AutomationEvent } from '@shared/contract';
import { invoke } from '@renderer/api';
import { useCoreRead } from '@renderer/lib/use-core-read';
import { mergeAutomationEvents, useLiveAutomationEvents } from '@renderer/stores/automation-log';

/** How many decisions a log view reads and shows. */
export const LOG_LIMIT = 200;

export interface AutomationLog {
  /** Newest first. */
  events: AutomationEvent[];
  /** The first read has not answered yet. */
  loading: boolean;
  /** Why the read failed ('' when it did not). */
  error: string;
}

/**
 * The automation's decisions, of one task when given: read with `automation.log` (again after a
 * reconnect), with the decisions heard since merged in.
 */
export function useAutomationLog(taskId?: string): AutomationLog {
  const { value, loading, error, reloads, follow } = useCoreRead<AutomationEvent[]>();
  useEffect(
    () => follow(invoke('automation.log', taskId ? { taskId, limit: LOG_LIMIT } : { limit: LOG_LIMIT })),
    [follow, taskId, reloads],
  );
  const live = useLiveAutomationEvents();
  const events = useMemo(
    () => mergeAutomationEvents(value ?? [], live, { taskId, limit: LOG_LIMIT }),
    [value, live, taskId],
  );
  return { events, loading, error };
}
