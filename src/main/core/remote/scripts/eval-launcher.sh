# eval-launcher RUN_DIR WORKTREE TIMEOUT_SECONDS CAP_BYTES
# Uploaded into the run directory as eval-launch.sh (after the runner's prelude and Sortie's
# helpers) and started detached by start-eval.sh. Runs the user's eval command (eval.sh, a file:
# it is the user's own shell code, never spliced into a script) in the worktree, stopped after
# the timeout (exit 124), keeps the end of its stdout and stderr, and writes the exit code last,
# so a reader that sees the exit code sees the whole output.
set -u
run_dir=$(sortie_path "$1")
worktree=$(sortie_path "$2")
printf '%s\n' "$$" >"$run_dir/$sortie_file_eval_pid"
code=0
(
  cd "$worktree" || exit 127
  exec timeout -k 10 "$3" bash "$run_dir/$sortie_file_eval_script"
) </dev/null >"$run_dir/$sortie_file_eval_stdout" 2>"$run_dir/$sortie_file_eval_stderr" &
child=$!
# timeout puts the command in a process group of its own: a stop (stop-eval.sh) reaches it
# through timeout, which passes the signal on. A stopped eval records no exit code.
trap 'kill -TERM "$child" 2>/dev/null; exit 143' TERM INT
wait "$child" || code=$?
for file in "$sortie_file_eval_stdout" "$sortie_file_eval_stderr"; do
  tail -c "$4" "$run_dir/$file" >"$run_dir/$file.tail" 2>/dev/null && mv -f "$run_dir/$file.tail" "$run_dir/$file"
done
sortie_put "$run_dir/$sortie_file_eval_exit" "$code"
