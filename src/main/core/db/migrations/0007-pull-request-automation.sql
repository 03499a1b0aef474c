-- What Sortie last read of each open task's pull request, and what it did about it.
CREATE TABLE pull_requests (
  url                   TEXT PRIMARY KEY,
  task_id               TEXT NOT NULL REFERENCES tasks (id) ON DELETE CASCADE,
  state                 TEXT NOT NULL,
  head_sha              TEXT NOT NULL,
  checks                TEXT NOT NULL,
  failing_checks        TEXT NOT NULL,
  review_decision       TEXT NOT NULL,
  read_at               TEXT NOT NULL,
  -- The head a review was asked for in a PR comment (once per head).
  review_requested_head TEXT,
  -- Follow-ups queued for failing checks of this PR (one per head at most: the last one's head
  -- is kept), and whether reaching the limit was announced.
  check_fix_head        TEXT,
  check_fix_count       INTEGER NOT NULL DEFAULT 0,
  check_fix_limit_said  INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE INDEX pull_requests_by_task ON pull_requests (task_id);

CREATE TABLE automation_events (
  id               INTEGER PRIMARY KEY,
  task_id          TEXT NOT NULL REFERENCES tasks (id) ON DELETE CASCADE,
  pull_request_url TEXT NOT NULL,
  outcome          TEXT NOT NULL,
  detail           TEXT NOT NULL,
  dispatch_id      TEXT REFERENCES dispatches (id) ON DELETE SET NULL,
  at               TEXT NOT NULL
);
CREATE INDEX automation_events_by_task ON automation_events (task_id, id DESC);

ALTER TABLE projects ADD COLUMN follow_up_failing_checks INTEGER NOT NULL DEFAULT 0;
ALTER TABLE projects ADD COLUMN max_check_fixes INTEGER NOT NULL DEFAULT 2;
ALTER TABLE projects ADD COLUMN close_on_merge INTEGER NOT NULL DEFAULT 0;
