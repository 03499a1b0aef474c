-- Lists are read a page at a time, newest first, after the (created_at, id) of the last row
-- given (keyset paging). Each filter a list takes gets an index in that order ending with id, so
-- a page is an index search that stops after its rows: no table scan, no sort.
DROP INDEX tasks_by_project;
DROP INDEX tasks_by_status;
CREATE INDEX tasks_by_created ON tasks (created_at, id);
CREATE INDEX tasks_by_status_created ON tasks (status, created_at, id);
CREATE INDEX tasks_by_project_created ON tasks (project_id, created_at, id);
CREATE INDEX tasks_by_project_status_created ON tasks (project_id, status, created_at, id);

DROP INDEX dispatches_by_created;
CREATE INDEX dispatches_by_created ON dispatches (created_at, id);
-- Active runs (ACTIVE_DISPATCH_STATUSES): the repository's query repeats this exact condition,
-- which is what lets SQLite use the partial index.
CREATE INDEX dispatches_active_by_created ON dispatches (created_at, id)
  WHERE status IN ('queued', 'preparing', 'running');
