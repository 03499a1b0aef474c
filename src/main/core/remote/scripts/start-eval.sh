# start-eval WORKSPACE_ROOT RUN_DIR WORKTREE TIMEOUT_SECONDS CAP_BYTES
# Starts the run's eval launcher (uploaded as eval-launch.sh, with the user's eval command as
# eval.sh) detached, like a run's launcher: it survives the connection and the app. A lock
# directory created atomically lets the eval start once only: a second start (after an app
# restart) answers `started` without running it again. Prints `started` or `already`.
set -eu
root=$(sortie_root "$1") || exit 65
run_dir=$(sortie_inside "$root" "$2") || {
  echo "The run directory $2 is missing or outside the workspace root." >&2
  exit 65
}
worktree=$(sortie_inside "$root" "$3") || {
  echo "The worktree $3 does not exist or is outside the workspace root." >&2
  exit 65
}
sortie_digits "$4" && sortie_digits "$5" || {
  echo "Refusing the limits '$4' and '$5'." >&2
  exit 64
}
for file in "$sortie_file_eval_launcher" "$sortie_file_eval_script"; do
  [ -f "$run_dir/$file" ] || {
    echo "$file is missing from $run_dir." >&2
    exit 1
  }
done
if ! mkdir "$run_dir/$sortie_file_eval_lock" 2>/dev/null; then
  printf 'already\n'
  exit 0
fi
cd "$run_dir"
log="$run_dir/$sortie_file_eval_log"
if command -v setsid >/dev/null 2>&1; then
  setsid nohup bash "$run_dir/$sortie_file_eval_launcher" "$run_dir" "$worktree" "$4" "$5" </dev/null >/dev/null 2>>"$log" &
else
  (set -m; nohup bash "$run_dir/$sortie_file_eval_launcher" "$run_dir" "$worktree" "$4" "$5" </dev/null >/dev/null 2>>"$log" &)
fi
printf 'started\n'
