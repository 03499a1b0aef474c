-- The board reads each task's newest run (created last, then the greater id) with one index
-- search per task; ending the index with id lets that search stop at the first entry, with no
-- sort. A task's run history is read in the same order.
DROP INDEX dispatches_by_task;
CREATE INDEX dispatches_by_task ON dispatches (task_id, created_at, id);
