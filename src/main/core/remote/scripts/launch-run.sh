# launch-run WORKSPACE_ROOT RUN_DIR WORKTREE
# Starts RUN_DIR/launch.sh detached: a new session (setsid; job control where setsid is
# missing) with all three standard streams redirected, so it survives the SSH connection and
# the app quitting. A lock directory created atomically makes a second launch of the same run
# impossible. Both paths must lie inside the workspace root (exit 65 otherwise).
set -eu
sortie_run_place "$1" "$2" "$3" || exit 65
run_dir=$sortie_run_dir
worktree=$sortie_worktree
if [ ! -f "$run_dir/$sortie_file_launcher" ]; then
  echo "The launcher is missing from $run_dir." >&2
  exit 1
fi
if ! mkdir "$run_dir/$sortie_file_launch_lock" 2>/dev/null; then
  echo "This run was already launched; refusing to start it twice." >&2
  exit 3
fi
cd "$run_dir"
# The launcher's own stderr (a failing prelude) goes where the run's stderr goes, so it is shown.
log="$run_dir/$sortie_file_stderr"
sortie_detach "$log" "$run_dir/$sortie_file_launcher" "$run_dir" "$worktree"
# Wait briefly for the launcher to record itself (its first command), so the caller knows it
# started: looked at every 5 ms, since it takes a few, for up to 2 s.
for ((i = 0; i < 400; i++)); do
  [ -f "$run_dir/$sortie_file_launcher_pid" ] && exit 0
  sleep 0.005
done
echo "The launcher did not start within 2 seconds." >&2
exit 1
