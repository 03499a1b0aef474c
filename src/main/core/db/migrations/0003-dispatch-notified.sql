-- The final status a notification was shown for, so a restart never shows it again.
ALTER TABLE dispatches ADD COLUMN notified_status TEXT;
