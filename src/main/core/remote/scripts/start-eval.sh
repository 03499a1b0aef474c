# start-eval WORKSPACE_ROOT RUN_DIR WORKTREE TIMEOUT_SECONDS
# Starts the run's eval launcher (uploaded as eval-launch.sh, with the user's eval command as
# eval.sh) detached, like a run's launcher: it survives the connection and the app. A lock
# directory created atomically lets the eval start once only: a second start (after an app
# restart) answers `started` without running it again. Prints `started` or `already`.
set -eu
sortie_run_place "$1" "$2" "$3" || exit 65
run_dir=$sortie_run_dir
worktree=$sortie_worktree
sortie_digits "$4" || {
  echo "Refusing the timeout '$4'." >&2
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
sortie_detach "$run_dir/$sortie_file_eval_log" "$run_dir/$sortie_file_eval_launcher" "$run_dir" "$worktree" "$4"
printf 'started\n'
