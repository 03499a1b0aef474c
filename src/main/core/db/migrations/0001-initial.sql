-- Timestamps are TEXT, ISO-8601 UTC with milliseconds; booleans are INTEGER 0/1.
-- Enumerated values are checked by the repositories, not by CHECK constraints, so adding a
-- value later does not need a table rebuild.

-- *_key columns hold the word folded by the repository (NFC, Unicode lower case): SQLite's
-- NOCASE folds only ASCII, and `Über` must collide with `über`.
CREATE TABLE projects (
  id          TEXT PRIMARY KEY,
  name        TEXT NOT NULL,
  name_key    TEXT NOT NULL UNIQUE,
  repo_url    TEXT NOT NULL,
  git_url     TEXT NOT NULL,
  base_branch TEXT NOT NULL,
  description TEXT NOT NULL,
  created_at  TEXT NOT NULL,
  updated_at  TEXT NOT NULL
) STRICT;

-- An alias is unique across all projects. That a name never equals another project's alias
-- (and the other way round) is enforced by the project repository.
CREATE TABLE project_aliases (
  alias_key  TEXT NOT NULL PRIMARY KEY,
  alias      TEXT NOT NULL,
  project_id TEXT NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
  position   INTEGER NOT NULL
) STRICT;
CREATE INDEX project_aliases_by_project ON project_aliases (project_id, position);

CREATE TABLE tasks (
  id         TEXT PRIMARY KEY,
  project_id TEXT NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
  title      TEXT NOT NULL,
  summary    TEXT NOT NULL,
  note       TEXT NOT NULL,
  priority   TEXT NOT NULL,
  status     TEXT NOT NULL,
  source     TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  closed_at  TEXT
) STRICT;
CREATE INDEX tasks_by_project ON tasks (project_id, created_at DESC);
CREATE INDEX tasks_by_status ON tasks (status, created_at DESC);

CREATE TABLE task_follow_ups (
  id         TEXT PRIMARY KEY,
  task_id    TEXT NOT NULL REFERENCES tasks (id) ON DELETE CASCADE,
  request    TEXT NOT NULL,
  created_at TEXT NOT NULL
) STRICT;
CREATE INDEX task_follow_ups_by_task ON task_follow_ups (task_id, created_at);

-- Auth is flattened: key_path only for 'keyFile', has_passphrase for 'keyFile' and
-- 'importedKey'. The secrets themselves live in the secrets table.
CREATE TABLE runners (
  id              TEXT PRIMARY KEY,
  name            TEXT NOT NULL,
  name_key        TEXT NOT NULL UNIQUE,
  host            TEXT NOT NULL,
  port            INTEGER,
  user            TEXT,
  auth_kind       TEXT NOT NULL,
  key_path        TEXT,
  has_passphrase  INTEGER NOT NULL DEFAULT 0,
  host_key_policy TEXT NOT NULL,
  workspace_root  TEXT NOT NULL,
  registry_path   TEXT NOT NULL,
  shell_prelude   TEXT NOT NULL,
  default_agent   TEXT NOT NULL,
  max_concurrent  INTEGER NOT NULL,
  is_default      INTEGER NOT NULL DEFAULT 0,
  created_at      TEXT NOT NULL,
  updated_at      TEXT NOT NULL
) STRICT;
-- At most one default runner.
CREATE UNIQUE INDEX runners_single_default ON runners (is_default) WHERE is_default = 1;

CREATE TABLE secrets (
  name      TEXT PRIMARY KEY,
  value     BLOB NOT NULL,
  encrypted INTEGER NOT NULL
) STRICT;

CREATE TABLE dispatches (
  id                TEXT PRIMARY KEY,
  task_id           TEXT NOT NULL REFERENCES tasks (id) ON DELETE CASCADE,
  project_id        TEXT NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
  runner_id         TEXT REFERENCES runners (id) ON DELETE SET NULL,
  agent             TEXT NOT NULL,
  status            TEXT NOT NULL,
  phase             TEXT NOT NULL,
  phase_started_at  TEXT,
  summary           TEXT NOT NULL,
  branch            TEXT NOT NULL,
  worktree_path     TEXT NOT NULL,
  run_dir           TEXT NOT NULL,
  pull_request_url  TEXT,
  notes             TEXT NOT NULL,
  error_text        TEXT NOT NULL,
  follow_up_request TEXT NOT NULL,
  base_dispatch_id  TEXT REFERENCES dispatches (id) ON DELETE SET NULL,
  -- The exact prompt and result schema uploaded to the runner.
  prompt            TEXT,
  result_schema     TEXT,
  -- How far the remote event stream has been read, to resume after a restart.
  output_offset     INTEGER NOT NULL DEFAULT 0,
  created_at        TEXT NOT NULL,
  started_at        TEXT,
  finished_at       TEXT,
  updated_at        TEXT NOT NULL
) STRICT;
CREATE INDEX dispatches_by_task ON dispatches (task_id, created_at DESC);
CREATE INDEX dispatches_by_status ON dispatches (status, created_at DESC);
CREATE INDEX dispatches_by_runner ON dispatches (runner_id, status);
CREATE INDEX dispatches_by_created ON dispatches (created_at DESC);
CREATE INDEX dispatches_by_project ON dispatches (project_id);
CREATE INDEX dispatches_by_base ON dispatches (base_dispatch_id);

CREATE TABLE run_events (
  dispatch_id TEXT NOT NULL REFERENCES dispatches (id) ON DELETE CASCADE,
  seq         INTEGER NOT NULL,
  kind        TEXT NOT NULL,
  at          TEXT NOT NULL,
  data        TEXT NOT NULL,
  PRIMARY KEY (dispatch_id, seq)
) STRICT, WITHOUT ROWID;

CREATE TABLE reviews (
  id                  TEXT PRIMARY KEY,
  pull_request_url    TEXT NOT NULL,
  repository          TEXT NOT NULL,
  pull_request_number INTEGER NOT NULL,
  title               TEXT NOT NULL,
  project_id          TEXT REFERENCES projects (id) ON DELETE SET NULL,
  workspace_key       TEXT NOT NULL,
  runner_id           TEXT REFERENCES runners (id) ON DELETE SET NULL,
  status              TEXT NOT NULL,
  extra_instructions  TEXT NOT NULL,
  created_at          TEXT NOT NULL,
  updated_at          TEXT NOT NULL
) STRICT;
CREATE INDEX reviews_by_created ON reviews (created_at DESC);
CREATE INDEX reviews_by_project ON reviews (project_id);
CREATE INDEX reviews_by_runner ON reviews (runner_id);

CREATE TABLE review_runs (
  id          TEXT PRIMARY KEY,
  review_id   TEXT NOT NULL REFERENCES reviews (id) ON DELETE CASCADE,
  status      TEXT NOT NULL,
  head_sha    TEXT NOT NULL,
  summary     TEXT NOT NULL,
  error_text  TEXT NOT NULL,
  created_at  TEXT NOT NULL,
  finished_at TEXT,
  updated_at  TEXT NOT NULL
) STRICT;
CREATE INDEX review_runs_by_review ON review_runs (review_id, created_at DESC);

CREATE TABLE settings (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) STRICT;
