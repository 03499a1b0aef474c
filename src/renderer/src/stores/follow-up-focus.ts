import { create } from 'zustand';

export interface FollowUpFocusState {
  /** The task whose follow-up composer takes the focus when it shows; null when none asked. */
  readonly taskId: string | null;
  /** Bumped by each request, so asking twice for one task focuses twice. */
  readonly seq: number;
}

/**
 * "Continue the pull request" asks the task page's follow-up composer for the focus, from the
 * page itself or from a queue card before going there.
 */
export const useFollowUpFocusStore = create<FollowUpFocusState>()(() => ({ taskId: null, seq: 0 }));

export function requestFollowUpFocus(taskId: string): void {
  useFollowUpFocusStore.setState((s) => ({ taskId, seq: s.seq + 1 }));
}

/** The composer took the focus: the request is done. */
export function clearFollowUpFocus(): void {
  useFollowUpFocusStore.setState({ taskId: null });
}

/** The request for this task's composer (its seq), or 0 when there is none. */
export function useFollowUpFocusRequest(taskId: string): number {
  return useFollowUpFocusStore((s) => (s.taskId === taskId ? s.seq : 0));
}
