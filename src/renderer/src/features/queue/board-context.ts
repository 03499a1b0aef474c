import { createContext, useContext } from 'react';
import type { Runner, Task } from '@shared/contract';

/** What every card needs from the page, shared rather than passed through each lane. */
export interface BoardActions {
  /** Sorted: the default runner first. */
  readonly runners: readonly Runner[];
  /** Project names by id when the board spans projects; null when it shows one. */
  readonly projectNames: ReadonlyMap<string, string> | null;
  editTask(task: Task): void;
  deleteTask(task: Task): void;
  /** Scrolls the task's card into view in whatever lane it is now, and focuses it. */
  revealCard(taskId: string): void;
}

export const BoardContext = createContext<BoardActions | null>(null);

export function useBoardActions(): BoardActions {
  const actions = useContext(BoardContext);
  if (!actions) throw new Error('a card is rendered outside the board');
  return actions;
}
