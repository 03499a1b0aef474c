-- What a run's agent reported using, as of its latest report (all NULL until one came).
-- Token counts mean the same for every agent: input counts all input tokens, cached or not;
-- cached_input the part read from the prompt cache. Only Claude Code reports a cost.
ALTER TABLE dispatches ADD COLUMN usage_input_tokens INTEGER;
ALTER TABLE dispatches ADD COLUMN usage_cached_input_tokens INTEGER;
ALTER TABLE dispatches ADD COLUMN usage_output_tokens INTEGER;
ALTER TABLE dispatches ADD COLUMN usage_cost_usd REAL;
ALTER TABLE dispatches ADD COLUMN usage_turns INTEGER;
ALTER TABLE dispatches ADD COLUMN usage_duration_ms INTEGER;
