-- Pull requests are keyed without regard to case (GitHub's owners and names are not), and
-- remember the reviews a follow-up answered, by id: times alone cannot tell them apart.
CREATE TABLE pull_requests_new (
  url                   TEXT PRIMARY KEY COLLATE NOCASE,
  task_id               TEXT NOT NULL REFERENCES tasks (id) ON DELETE CASCADE,
  state                 TEXT NOT NULL,
  head_sha              TEXT NOT NULL,
  checks                TEXT NOT NULL,
  failing_checks        TEXT NOT NULL,
  review_decision       TEXT NOT NULL,
  read_at               TEXT NOT NULL,
  -- The head a review was asked for in a PR comment (once per head).
  review_requested_head TEXT,
  -- Follow-ups queued in a row for failing checks (one per head at most: the last one's head is
  -- kept; passing checks start the count again), and whether reaching the limit was announced.
  check_fix_head        TEXT,
  check_fix_count       INTEGER NOT NULL DEFAULT 0,
  check_fix_limit_said  INTEGER NOT NULL DEFAULT 0,
  -- JSON array of the ids of the main user's reviews a follow-up was queued for (newest kept).
  followed_review_ids   TEXT NOT NULL DEFAULT '[]'
) STRICT;
INSERT OR IGNORE INTO pull_requests_new
  (url, task_id, state, head_sha, checks, failing_checks, review_decision, read_at,
   review_requested_head, check_fix_head, check_fix_count, check_fix_limit_said)
SELECT url, task_id, state, head_sha, checks, failing_checks, review_decision, read_at,
       review_requested_head, check_fix_head, check_fix_count, check_fix_limit_said
FROM pull_requests ORDER BY read_at DESC;
DROP TABLE pull_requests;
ALTER TABLE pull_requests_new RENAME TO pull_requests;
CREATE INDEX pull_requests_by_task ON pull_requests (task_id);
