-- sortie: foreign-keys-off
-- Review runs become runs (dispatches of kind 'review'): the run table is rebuilt so a run
-- belongs to a task or to a review, and carries what a review run records. The old
-- review_runs table never held data (nothing could create a review before this version).
DROP TABLE review_runs;

ALTER TABLE reviews ADD COLUMN base_branch TEXT NOT NULL DEFAULT '';
ALTER TABLE reviews ADD COLUMN repo_url TEXT NOT NULL DEFAULT '';
ALTER TABLE reviews ADD COLUMN git_url TEXT NOT NULL DEFAULT '';
ALTER TABLE reviews ADD COLUMN agent TEXT NOT NULL DEFAULT 'codex';
ALTER TABLE reviews ADD COLUMN main_user TEXT NOT NULL DEFAULT '';
ALTER TABLE reviews ADD COLUMN head_sha TEXT NOT NULL DEFAULT '';
ALTER TABLE reviews DROP COLUMN status;
-- GitHub's owner and repository names are case-insensitive: so is a review's identity.
CREATE UNIQUE INDEX reviews_by_pull_request ON reviews (lower(pull_request_url));

CREATE TABLE runs_rebuilt (
  id                     TEXT PRIMARY KEY,
  kind                   TEXT NOT NULL DEFAULT 'task',
  task_id                TEXT REFERENCES tasks (id) ON DELETE CASCADE,
  review_id              TEXT REFERENCES reviews (id) ON DELETE CASCADE,
  project_id             TEXT REFERENCES projects (id) ON DELETE SET NULL,
  runner_id              TEXT REFERENCES runners (id) ON DELETE SET NULL,
  agent                  TEXT NOT NULL,
  status                 TEXT NOT NULL,
  phase                  TEXT NOT NULL,
  phase_started_at       TEXT,
  summary                TEXT NOT NULL,
  branch                 TEXT NOT NULL,
  worktree_path          TEXT NOT NULL,
  run_dir                TEXT NOT NULL,
  pull_request_url       TEXT,
  notes                  TEXT NOT NULL,
  error_text             TEXT NOT NULL,
  follow_up_request      TEXT NOT NULL,
  base_dispatch_id       TEXT REFERENCES dispatches (id) ON DELETE SET NULL,
  prompt                 TEXT,
  result_schema          TEXT,
  output_offset          INTEGER NOT NULL DEFAULT 0,
  created_at             TEXT NOT NULL,
  started_at             TEXT,
  finished_at            TEXT,
  updated_at             TEXT NOT NULL,
  released               INTEGER NOT NULL DEFAULT 0,
  output_trimmed         INTEGER NOT NULL DEFAULT 0,
  notified_status        TEXT,
  reported_branch        TEXT NOT NULL DEFAULT '',
  reported_worktree_path TEXT NOT NULL DEFAULT '',
  deadline_at            TEXT,
  grace_ends_at          TEXT,
  agent_result           TEXT,
  -- A review run's pinned commit and what its agent reported submitting.
  head_sha               TEXT NOT NULL DEFAULT '',
  review_submitted       INTEGER NOT NULL DEFAULT 0,
  github_review_id       TEXT,
  github_review_url      TEXT,
  CHECK ((kind = 'task' AND task_id IS NOT NULL AND review_id IS NULL)
      OR (kind = 'review' AND review_id IS NOT NULL AND task_id IS NULL))
) STRICT;

INSERT INTO runs_rebuilt (id, kind, task_id, review_id, project_id, runner_id, agent, status, phase,
  phase_started_at, summary, branch, worktree_path, run_dir, pull_request_url, notes, error_text,
  follow_up_request, base_dispatch_id, prompt, result_schema, output_offset, created_at, started_at,
  finished_at, updated_at, released, output_trimmed, notified_status, reported_branch,
  reported_worktree_path, deadline_at, grace_ends_at, agent_result)
SELECT id, 'task', task_id, NULL, project_id, runner_id, agent, status, phase,
  phase_started_at, summary, branch, worktree_path, run_dir, pull_request_url, notes, error_text,
  follow_up_request, base_dispatch_id, prompt, result_schema, output_offset, created_at, started_at,
  finished_at, updated_at, released, output_trimmed, notified_status, reported_branch,
  reported_worktree_path, deadline_at, grace_ends_at, agent_result
FROM dispatches;

DROP TABLE dispatches;
ALTER TABLE runs_rebuilt RENAME TO dispatches;

CREATE INDEX dispatches_by_task ON dispatches (task_id, created_at DESC);
CREATE INDEX dispatches_by_review ON dispatches (review_id, created_at DESC);
CREATE INDEX dispatches_by_status ON dispatches (status, created_at DESC);
CREATE INDEX dispatches_by_runner ON dispatches (runner_id, status);
CREATE INDEX dispatches_by_created ON dispatches (created_at DESC);
CREATE INDEX dispatches_by_project ON dispatches (project_id);
CREATE INDEX dispatches_by_base ON dispatches (base_dispatch_id);
CREATE INDEX dispatches_released ON dispatches (runner_id) WHERE released = 1;
