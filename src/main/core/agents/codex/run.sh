# Codex CLI: one non-interactive `codex exec` in the worktree with every approval and the
# sandbox switched off (the worktree is the agent's to change). The prompt comes on stdin,
# --json streams JSONL events to stdout, and -o writes the last message, which --output-schema
# makes the result JSON.
sortie_agent_run() {
  codex exec \
    --dangerously-bypass-approvals-and-sandbox \
    -C "$SORTIE_WORKTREE" \
    --json \
    --output-schema "$SORTIE_RUN_DIR/result-schema.json" \
    -o "$SORTIE_RUN_DIR/result.json" \
    - <"$SORTIE_RUN_DIR/prompt.md" >>"$SORTIE_RUN_DIR/events.jsonl" 2>>"$SORTIE_RUN_DIR/stderr.log" &
  sortie_wait_agent "$!"
}
