# Codex CLI: one non-interactive `codex exec` in the worktree with every approval and the
# sandbox switched off (the worktree is the agent's to change). The prompt comes on stdin,
# --json streams JSONL events to stdout, and -o writes the last message, which --output-schema
# makes the result JSON.
sortie_agent_run() {
  codex exec \
    --dangerously-bypass-approvals-and-sandbox \
    -C "$SORTIE_WORKTREE" \
    --json \
    --output-schema "$SORTIE_RUN_DIR/$sortie_file_schema" \
    -o "$SORTIE_RUN_DIR/$sortie_file_result" \
    - <"$SORTIE_RUN_DIR/$sortie_file_prompt" >>"$SORTIE_RUN_DIR/$sortie_file_events" 2>>"$SORTIE_RUN_DIR/$sortie_file_stderr" &
  sortie_wait_agent "$!"
}
