# Claude Code: print mode in the worktree with permission prompts skipped. stream-json (which
# needs --verbose) writes one JSON event per line as the agent works; --json-schema makes the
# final `result` event carry the answer in structured_output. Sortie takes that event from the
# stream with a JSON parser (claude/result.ts); nothing here matches its text.
# A review runs in a pull request's code, which may be anyone's: only the user's own settings
# are loaded (not the repository's .claude settings and hooks), and no MCP servers it declares.
sortie_agent_run() {
  local schema code=0 isolation=()
  [ "${sortie_run_kind:-task}" = review ] && isolation=(--setting-sources user --strict-mcp-config)
  if ! schema=$(cat "$SORTIE_RUN_DIR/$sortie_file_schema" 2>>"$SORTIE_RUN_DIR/$sortie_file_stderr"); then
    echo "sortie: the result schema is missing from $SORTIE_RUN_DIR" >>"$SORTIE_RUN_DIR/$sortie_file_stderr"
    return 1
  fi
  (
    cd "$SORTIE_WORKTREE" 2>>"$SORTIE_RUN_DIR/$sortie_file_stderr" || exit 1
    exec claude -p \
      --dangerously-skip-permissions \
      --add-dir "$SORTIE_WORKTREE" \
      --output-format stream-json \
      --verbose \
      --json-schema "$schema" \
      ${isolation[@]+"${isolation[@]}"} \
      <"$SORTIE_RUN_DIR/$sortie_file_prompt" >>"$SORTIE_RUN_DIR/$sortie_file_events" 2>>"$SORTIE_RUN_DIR/$sortie_file_stderr"
  ) &
  sortie_wait_agent "$!" || code=$?
  return "$code"
}
