-- A run released as blocked because its runner could not be reached stays pollable, so its
-- real outcome can be recorded when the runner is back.
ALTER TABLE dispatches ADD COLUMN released INTEGER NOT NULL DEFAULT 0;
-- Set once older agent output was dropped to keep a run's stored output under its cap.
ALTER TABLE dispatches ADD COLUMN output_trimmed INTEGER NOT NULL DEFAULT 0;
CREATE INDEX dispatches_released ON dispatches (runner_id) WHERE released = 1;
