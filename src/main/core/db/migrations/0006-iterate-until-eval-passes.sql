-- Iterate until an eval passes: a chain of runs of one task, each followed by an eval command.
CREATE TABLE run_chains (
  id                TEXT PRIMARY KEY,
  task_id           TEXT NOT NULL REFERENCES tasks (id) ON DELETE CASCADE,
  max_iterations    INTEGER NOT NULL,
  eval_command      TEXT NOT NULL,
  feedback_template TEXT NOT NULL,
  status            TEXT NOT NULL,
  -- The iteration in progress, or the last one.
  iteration         INTEGER NOT NULL,
  verdict           TEXT NOT NULL,
  -- The final status a notification was shown for, so a restart never shows it again.
  notified_status   TEXT,
  created_at        TEXT NOT NULL,
  updated_at        TEXT NOT NULL,
  finished_at       TEXT
) STRICT;
CREATE INDEX run_chains_by_task ON run_chains (task_id, created_at DESC);
CREATE INDEX run_chains_active ON run_chains (status) WHERE status IN ('running', 'evaluating');

-- One eval per iteration (per run): its outcome is kept once, whatever restarts happen.
CREATE TABLE run_evals (
  dispatch_id TEXT PRIMARY KEY REFERENCES dispatches (id) ON DELETE CASCADE,
  chain_id    TEXT NOT NULL REFERENCES run_chains (id) ON DELETE CASCADE,
  iteration   INTEGER NOT NULL,
  command     TEXT NOT NULL,
  status      TEXT NOT NULL,
  exit_code   INTEGER,
  output      TEXT NOT NULL,
  started_at  TEXT,
  finished_at TEXT
) STRICT;
CREATE INDEX run_evals_by_chain ON run_evals (chain_id, iteration);

ALTER TABLE dispatches ADD COLUMN chain_id TEXT REFERENCES run_chains (id) ON DELETE SET NULL;
ALTER TABLE dispatches ADD COLUMN iteration INTEGER;
CREATE INDEX dispatches_by_chain ON dispatches (chain_id, iteration);

ALTER TABLE projects ADD COLUMN default_eval_command TEXT NOT NULL DEFAULT '';
