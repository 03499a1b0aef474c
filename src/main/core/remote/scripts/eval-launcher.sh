# eval-launcher RUN_DIR WORKTREE TIMEOUT_SECONDS
# Uploaded into the run directory as eval-launch.sh (its pid recorded before the runner's
# prelude, then Sortie's helpers) and started detached by start-eval.sh. Runs the user's eval
# command (eval.sh, a file: it is the user's own shell code, never spliced into a script) in the
# worktree, stopped after the timeout (exit 124; without `timeout`, Sortie's own deadline stops
# it), and writes the exit code last, so a reader that sees it sees the whole output.
set -u
run_dir=$(sortie_path "$1")
worktree=$(sortie_path "$2")
# Stopped while the prelude ran: the command is not run.
[ -f "$run_dir/$sortie_file_eval_stop" ] && exit 0
code=0
(
  cd "$worktree" || exit 127
  if command -v timeout >/dev/null 2>&1; then
    exec timeout -k 10 "$3" bash "$run_dir/$sortie_file_eval_script"
  fi
  exec bash "$run_dir/$sortie_file_eval_script"
) </dev/null >"$run_dir/$sortie_file_eval_stdout" 2>"$run_dir/$sortie_file_eval_stderr" &
child=$!
# timeout puts the command in a process group of its own: a stop (stop-eval.sh) reaches it
# through timeout, which passes the signal on. A stopped eval records no exit code.
trap 'kill -TERM "$child" 2>/dev/null; exit 143' TERM INT
wait "$child" || code=$?
[ -f "$run_dir/$sortie_file_eval_stop" ] && exit 143
sortie_put "$run_dir/$sortie_file_eval_exit" "$code"
