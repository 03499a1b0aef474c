import type { AgentEntryKind } from '@shared/domain/agent-entry';
import type { RunUsage } from '@shared/contract/dispatches';
import type { AgentKind, RunKind } from '@shared/domain/dispatch';

/** What an agent reports at the end of a task run (the task result schema). */
export interface AgentResult {
  status: 'succeeded' | 'failed' | 'blocked';
  summary: string;
  pullRequestUrl: string | null;
  branchName: string | null;
  worktreePath: string;
  notes: string | null;
}

/** What an agent reports at the end of a review run (the review result schema). */
export interface ReviewAgentResult {
  status: 'succeeded' | 'failed' | 'blocked';
  summary: string;
  reviewSubmitted: boolean;
  githubReviewId: string | null;
  githubReviewUrl: string | null;
  worktreePath: string;
  notes: string | null;
}

/** The result a run of each kind ends with. */
export interface ResultOfKind {
  task: AgentResult;
  review: ReviewAgentResult;
}

export type LiveEntryKind = AgentEntryKind;

/** One readable line of a run's live view. */
export interface LiveEntry {
  kind: LiveEntryKind;
  text: string;
  /** Supporting text shown on demand: a command's output tail, a file list, tool input. */
  detail?: string;
  exitCode?: number;
  /**
   * The agent's own id of a command or tool call. Entries sharing it are one call: the first
   * says what was called, a later one how it ended (output, exit code); the window shows them
   * as one entry whose duration is the time between them.
   */
  callId?: string;
  /** The call failed without an exit code to say so (a tool's error). */
  failed?: boolean;
  /** The files of a file change, with what happened to each ('add', 'update', 'delete', 'edit'…). */
  files?: { path: string; change: string }[];
  /** The run's usage so far (a 'usage' entry): each one replaces the previous ones. */
  usage?: RunUsage;
  /** When the agent wrote the event, when its format says (ISO 8601). */
  at?: string;
}

export interface AgentAdapter {
  readonly kind: AgentKind;
  /**
   * Static bash (no user data) defining `sortie_agent_run`. Given SORTIE_RUN_DIR and
   * SORTIE_WORKTREE, it runs the agent in SORTIE_WORKTREE until it ends, with the prompt from
   * prompt.md and the schema from result-schema.json, appending JSONL events to events.jsonl and
   * stderr to stderr.log, and leaves the final result in result.json. It returns the agent's
   * exit status. TERM/INT delivered to the shell running it are passed on to the agent.
   */
  readonly launchFragment: string;
  /**
   * Reads result.json against the result schema of the run's kind (task by default); throws
   * AppError('REMOTE_FAILED') saying what is wrong with it.
   */
  parseResult<K extends RunKind = 'task'>(raw: string, kind?: K): ResultOfKind[K];
  /** One line of events.jsonl as readable entries; [] when it carries nothing for a person. */
  parseEventLine(line: string): LiveEntry[];
  /**
   * The agent's final result when this events.jsonl line carries it (decided by parsing the
   * line as JSON), as the raw text parseResult reads; null for every other line. Agents that
   * write result.json themselves answer null.
   */
  resultFromEventLine(line: string): string | null;
}
