# launch-run RUN_DIR WORKTREE
# Starts RUN_DIR/launch.sh detached: a new session (setsid; job control where setsid is
# missing) with all three standard streams redirected, so it survives the SSH connection and
# the app quitting. A lock directory created atomically makes a second launch of the same run
# impossible.
set -eu
run_dir=$(sortie_path "$1")
worktree=$(sortie_path "$2")
if [ ! -f "$run_dir/launch.sh" ]; then
  echo "The launcher is missing from $run_dir." >&2
  exit 1
fi
if [ ! -d "$worktree" ]; then
  echo "The worktree $worktree does not exist." >&2
  exit 1
fi
if ! mkdir "$run_dir/launch.lock" 2>/dev/null; then
  echo "This run was already launched; refusing to start it twice." >&2
  exit 3
fi
cd "$run_dir"
if command -v setsid >/dev/null 2>&1; then
  setsid nohup bash "$run_dir/launch.sh" "$run_dir" "$worktree" </dev/null >/dev/null 2>&1 &
else
  (set -m; nohup bash "$run_dir/launch.sh" "$run_dir" "$worktree" </dev/null >/dev/null 2>&1 &)
fi
# Wait briefly for the launcher to record itself, so the caller knows it started.
for _ in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20; do
  [ -f "$run_dir/launcher.pid" ] && exit 0
  sleep 0.1
done
echo "The launcher did not start within 2 seconds." >&2
exit 1
