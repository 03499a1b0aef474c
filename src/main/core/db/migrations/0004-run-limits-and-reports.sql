-- What the agent reported about its branch and worktree: shown, never used for a file operation.
ALTER TABLE dispatches ADD COLUMN reported_branch TEXT NOT NULL DEFAULT '';
ALTER TABLE dispatches ADD COLUMN reported_worktree_path TEXT NOT NULL DEFAULT '';
-- When a running run is stopped and failed as timed out (the maximum run time).
ALTER TABLE dispatches ADD COLUMN deadline_at TEXT;
-- When a run whose agent wrote a valid result but did not exit is stopped and recorded.
ALTER TABLE dispatches ADD COLUMN grace_ends_at TEXT;
-- The latest valid result seen for the run (result.json, or the agent's result event).
ALTER TABLE dispatches ADD COLUMN agent_result TEXT;
-- A project's own maximum run time; NULL means the default.
ALTER TABLE projects ADD COLUMN max_run_minutes INTEGER;
