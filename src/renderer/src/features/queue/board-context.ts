import { createContext, useContext } from 'react';
import type { Runner, TaskRow } from '@shared/contract';
import type { AgentKind } from '@shared/domain/dispatch';

/** What "Run until the eval passes…" on a card asks the page for: its dialog, for this task. */
export interface RunUntilPassesRequest {
  readonly task: TaskRow;
  readonly runner: Runner;
  readonly agent: AgentKind;
  /** Once the run is queued (the card moves to another lane). */
  onQueued(): void;
}

/** What Run on a card whose task has an open pull request asks the page for: the choice. */
export interface PullRequestChoiceRequest {
  readonly task: TaskRow;
  /** The task's open pull request. */
  readonly url: string;
  /** Queues the run as Run would without a pull request (a new one is opened). */
  startNew(): void;
}

/** What every card needs from the page, shared rather than passed through each lane. */
export interface BoardActions {
  /** Sorted: the default runner first. */
  readonly runners: readonly Runner[];
  /** Project names by id when the board spans projects; null when it shows one. */
  readonly projectNames: ReadonlyMap<string, string> | null;
  /** Default eval commands by project id, of the projects that have one. */
  readonly evalCommands: ReadonlyMap<string, string>;
  editTask(task: TaskRow): void;
  /** Opens the "Run until the eval passes" dialog (outside the card, which may move or unmount). */
  runUntilPasses(request: RunUntilPassesRequest): void;
  /**
   * Asks whether to continue the task's open pull request (a follow-up) or start a new one (in a
   * dialog outside the card, like runUntilPasses).
   */
  choosePullRequest(request: PullRequestChoiceRequest): void;
  deleteTask(task: TaskRow): void;
  /** Scrolls the task's card into view in whatever lane it is now, and focuses it. */
  revealCard(taskId: string): void;
}

export const BoardContext = createContext<BoardActions | null>(null);

export function useBoardActions(): BoardActions {
  const actions = useContext(BoardContext);
  if (!actions) throw new Error('a card is rendered outside the board');
  return actions;
}
