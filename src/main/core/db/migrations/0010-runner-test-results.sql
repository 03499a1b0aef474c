-- The last test of each runner (runners.test), so the Runners page shows a runner's health and
-- when it was checked across reloads and restarts. One row per runner; a new test replaces it.
-- `result` is the test's JSON as the contract describes it (checks, host key, error code).
CREATE TABLE runner_tests (
  runner_id TEXT PRIMARY KEY REFERENCES runners (id) ON DELETE CASCADE,
  tested_at TEXT NOT NULL,
  result    TEXT NOT NULL
) STRICT;
