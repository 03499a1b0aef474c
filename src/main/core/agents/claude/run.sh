# Claude Code: print mode in the worktree with permission prompts skipped. stream-json (which
# needs --verbose) writes one JSON event per line as the agent works; --json-schema makes the
# final `result` event carry the answer in structured_output. That last event becomes result.json.
sortie_agent_run() {
  local schema code=0
  if ! schema=$(cat "$SORTIE_RUN_DIR/result-schema.json" 2>>"$SORTIE_RUN_DIR/stderr.log"); then
    echo "sortie: the result schema is missing from $SORTIE_RUN_DIR" >>"$SORTIE_RUN_DIR/stderr.log"
    return 1
  fi
  (
    cd "$SORTIE_WORKTREE" 2>>"$SORTIE_RUN_DIR/stderr.log" || exit 1
    exec claude -p \
      --dangerously-skip-permissions \
      --add-dir "$SORTIE_WORKTREE" \
      --output-format stream-json \
      --verbose \
      --json-schema "$schema" \
      <"$SORTIE_RUN_DIR/prompt.md" >>"$SORTIE_RUN_DIR/events.jsonl" 2>>"$SORTIE_RUN_DIR/stderr.log"
  ) &
  sortie_wait_agent "$!" || code=$?
  sortie_keep_claude_result
  return "$code"
}

# Copies the last result event to result.json (written aside, then renamed). Claude Code prints
# "type" first; the looser match is a fallback should that ever change.
sortie_keep_claude_result() {
  local events="$SORTIE_RUN_DIR/events.jsonl" line=''
  [ -f "$events" ] || return 0
  line=$(grep -E '^\{"type":"result"' "$events" | tail -n 1) || true
  if [ -z "$line" ]; then
    line=$(grep -F '"type":"result"' "$events" | tail -n 1) || true
  fi
  [ -n "$line" ] || return 0
  printf '%s\n' "$line" >"$SORTIE_RUN_DIR/.result.json.tmp" &&
    mv -f "$SORTIE_RUN_DIR/.result.json.tmp" "$SORTIE_RUN_DIR/result.json"
}
