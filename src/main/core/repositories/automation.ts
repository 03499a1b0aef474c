import type { AutomationEvent, PullRequestStatus } from '@shared/contract/automation';
import {
  AUTOMATION_OUTCOMES,
  CHECKS_SUMMARIES,
  PULL_REQUEST_STATES,
  REVIEW_DECISIONS,
  type AutomationOutcome,
} from '@shared/domain/automation';
import { isoNow } from '../clock';
import { enumColumn } from './columns';
import type { Db, RepositoryDeps } from './deps';

/** What the automation remembers per PR head so it never acts twice on one. */
export interface PullRequestMarks {
  reviewRequestedHead: string | null;
  checkFixHead: string | null;
  checkFixCount: number;
  checkFixLimitSaid: boolean;
  /** The main user's reviews a follow-up was queued for (the newest MAX_FOLLOWED_REVIEWS). */
  followedReviewIds: readonly number[];
}

const MAX_FOLLOWED_REVIEWS = 200;
/** The automation log keeps this many decisions; older ones are dropped after each pass. */
export const AUTOMATION_EVENTS_KEPT = 5000;

export interface AutomationRepository {
  getStatus(url: string): (PullRequestStatus & PullRequestMarks) | null;
  /** Every stored status of an open task's PR. */
  listStatuses(): PullRequestStatus[];
  /** Stores what was read, keeping the marks (a new head starts with none for checks). */
  saveStatus(status: Omit<PullRequestStatus, 'readAt'>): PullRequestStatus;
  /** Marks the head a review was asked for (null: the ask failed, ask again). */
  markReviewRequested(url: string, head: string | null): void;
  markReviewsFollowed(url: string, reviewIds: readonly number[]): void;
  /** Counts one more check follow-up for the PR, queued for this head; answers the count. */
  countCheckFix(url: string, head: string): number;
  /** The checks passed: the next failure starts a new count. */
  resetCheckFixes(url: string): void;
  markCheckFixLimitSaid(url: string): void;
  /** The runs of the task queued to fix failing checks. */
  checkFixRunIds(taskId: string): Set<string>;
  /** Drops all but the newest AUTOMATION_EVENTS_KEPT decisions. */
  pruneEvents(): void;
  log(entry: Omit<AutomationEvent, 'id' | 'at'>): AutomationEvent;
  /** Newest first. */
  listEvents(filter: { taskId?: string; limit: number }): AutomationEvent[];
}

interface StatusRow {
  url: string;
  task_id: string;
  state: string;
  head_sha: string;
  checks: string;
  failing_checks: string;
  review_decision: string;
  read_at: string;
  review_requested_head: string | null;
  check_fix_head: string | null;
  check_fix_count: number;
  check_fix_limit_said: number;
  followed_review_ids: string;
}

interface EventRow {
  id: number;
  task_id: string;
  pull_request_url: string;
  outcome: string;
  detail: string;
  dispatch_id: string | null;
  at: string;
}

function toStatus(row: StatusRow): PullRequestStatus {
  return {
    url: row.url,
    taskId: row.task_id,
    state: enumColumn(PULL_REQUEST_STATES, row.state, 'pull_requests.state'),
    headSha: row.head_sha,
    checks: enumColumn(CHECKS_SUMMARIES, row.checks, 'pull_requests.checks'),
    failingChecks: JSON.parse(row.failing_checks) as string[],
    reviewDecision: enumColumn(REVIEW_DECISIONS, row.review_decision, 'pull_requests.review_decision'),
    readAt: row.read_at,
  };
}

function toEvent(row: EventRow): AutomationEvent {
  return {
    id: row.id,
    taskId: row.task_id,
    pullRequestUrl: row.pull_request_url,
    outcome: enumColumn(AUTOMATION_OUTCOMES, row.outcome, 'automation_events.outcome') as AutomationOutcome,
    detail: row.detail,
    dispatchId: row.dispatch_id,
    at: row.at,
  };
}

export function createAutomationRepository(db: Db, { clock }: RepositoryDeps): AutomationRepository {
  const selectStatus = db.prepare<[string], StatusRow>('SELECT * FROM pull_requests WHERE url = ?');
  const selectStatuses = db.prepare<[], StatusRow>(
    `SELECT p.* FROM pull_requests p JOIN tasks t ON t.id = p.task_id WHERE t.status = 'open' ORDER BY p.read_at DESC`,
  );
  const upsertStatus = db.prepare<
    [
      Omit<
        StatusRow,
        | 'review_requested_head'
        | 'check_fix_head'
        | 'check_fix_count'
        | 'check_fix_limit_said'
        | 'followed_review_ids'
      >,
    ]
  >(
    `INSERT INTO pull_requests (url, task_id, state, head_sha, checks, failing_checks, review_decision, read_at)
     VALUES (@url, @task_id, @state, @head_sha, @checks, @failing_checks, @review_decision, @read_at)
     ON CONFLICT (url) DO UPDATE SET task_id = excluded.task_id, state = excluded.state,
       head_sha = excluded.head_sha, checks = excluded.checks, failing_checks = excluded.failing_checks,
       review_decision = excluded.review_decision, read_at = excluded.read_at`,
  );
  const updateRequested = db.prepare<[string | null, string]>(
    'UPDATE pull_requests SET review_requested_head = ? WHERE url = ?',
  );
  const updateCheckFix = db.prepare<[string, number, number, string]>(
    'UPDATE pull_requests SET check_fix_head = ?, check_fix_count = ?, check_fix_limit_said = ? WHERE url = ?',
  );
  const updateLimitSaid = db.prepare<[string]>(
    'UPDATE pull_requests SET check_fix_limit_said = 1 WHERE url = ?',
  );
  const updateReset = db.prepare<[string]>(
    'UPDATE pull_requests SET check_fix_count = 0, check_fix_limit_said = 0 WHERE url = ? AND check_fix_count > 0',
  );
  const updateFollowed = db.prepare<[string, string]>(
    'UPDATE pull_requests SET followed_review_ids = ? WHERE url = ?',
  );
  const selectCheckFixRuns = db
    .prepare<[string], string>(
      `SELECT dispatch_id FROM automation_events
       WHERE task_id = ? AND outcome = 'queued-check-fix' AND dispatch_id IS NOT NULL`,
    )
    .pluck();
  const deleteOldEvents = db.prepare<[number]>(
    `DELETE FROM automation_events
     WHERE id <= (SELECT id FROM automation_events ORDER BY id DESC LIMIT 1 OFFSET ?)`,
  );
  const insertEvent = db.prepare<[Omit<EventRow, 'id'>]>(
    `INSERT INTO automation_events (task_id, pull_request_url, outcome, detail, dispatch_id, at)
     VALUES (@task_id, @pull_request_url, @outcome, @detail, @dispatch_id, @at)`,
  );
  const selectEvents = db.prepare<[number], EventRow>(
    'SELECT * FROM automation_events ORDER BY id DESC LIMIT ?',
  );
  const selectTaskEvents = db.prepare<[string, number], EventRow>(
    'SELECT * FROM automation_events WHERE task_id = ? ORDER BY id DESC LIMIT ?',
  );

  function getStatus(url: string) {
    const row = selectStatus.get(url);
    if (!row) return null;
    return {
      ...toStatus(row),
      reviewRequestedHead: row.review_requested_head,
      checkFixHead: row.check_fix_head,
      checkFixCount: row.check_fix_count,
      checkFixLimitSaid: row.check_fix_limit_said === 1,
      followedReviewIds: JSON.parse(row.followed_review_ids) as number[],
    };
  }

  const countTx = db.transaction((url: string, head: string): number => {
    const current = getStatus(url);
    const count = (current?.checkFixCount ?? 0) + 1;
    updateCheckFix.run(head, count, current?.checkFixLimitSaid ? 1 : 0, url);
    return count;
  });

  const followTx = db.transaction((url: string, reviewIds: readonly number[]) => {
    const held = getStatus(url)?.followedReviewIds ?? [];
    const ids = [...new Set([...held, ...reviewIds])].slice(-MAX_FOLLOWED_REVIEWS);
    updateFollowed.run(JSON.stringify(ids), url);
  });

  return {
    getStatus,
    listStatuses: () => selectStatuses.all().map(toStatus),
    saveStatus(status) {
      const readAt = isoNow(clock);
      upsertStatus.run({
        url: status.url,
        task_id: status.taskId,
        state: status.state,
        head_sha: status.headSha,
        checks: status.checks,
        failing_checks: JSON.stringify(status.failingChecks),
        review_decision: status.reviewDecision,
        read_at: readAt,
      });
      return { ...status, readAt };
    },
    markReviewRequested(url, head) {
      updateRequested.run(head, url);
    },
    markReviewsFollowed: (url, reviewIds) => followTx.immediate(url, reviewIds),
    countCheckFix: (url, head) => countTx.immediate(url, head),
    resetCheckFixes(url) {
      updateReset.run(url);
    },
    markCheckFixLimitSaid(url) {
      updateLimitSaid.run(url);
    },
    checkFixRunIds: (taskId) => new Set(selectCheckFixRuns.all(taskId)),
    pruneEvents() {
      deleteOldEvents.run(AUTOMATION_EVENTS_KEPT);
    },
    log(entry) {
      const at = isoNow(clock);
      const info = insertEvent.run({
        task_id: entry.taskId,
        pull_request_url: entry.pullRequestUrl,
        outcome: entry.outcome,
        detail: entry.detail,
        dispatch_id: entry.dispatchId,
        at,
      });
      return { ...entry, id: Number(info.lastInsertRowid), at };
    },
    listEvents: ({ taskId, limit }) =>
      (taskId ? selectTaskEvents.all(taskId, limit) : selectEvents.all(limit)).map(toEvent),
  };
}
