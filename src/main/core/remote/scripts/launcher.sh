# launcher RUN_DIR WORKTREE
# Uploaded into the run directory as launch.sh (after the runner's prelude, Sortie's helpers
# and the agent's fragment, which defines sortie_agent_run) and started detached by
# launch-run.sh: it outlives the SSH connection and the app. It records its pid, the agent's
# pid and exit code, and the status the app reconciles from (run-directory/protocol.ts):
#   running -> completed | launcher_failed | canceled | timed_out   (finished-at first)
# TERM or INT stops the agent. When Sortie stops the run it writes its reason first and records
# the final status itself once all the run's processes are gone; otherwise it is `canceled`.
set -u
sortie_expand "$1"
SORTIE_RUN_DIR=$sortie_expanded
sortie_expand "$2"
SORTIE_WORKTREE=$sortie_expanded
export SORTIE_RUN_DIR SORTIE_WORKTREE
cd "$SORTIE_RUN_DIR" || exit 1

put() { sortie_put "$SORTIE_RUN_DIR/$1" "$2"; }
finished() { put "$sortie_file_finished_at" "$(sortie_now)"; }

agent_pid=''
on_stop() {
  trap '' TERM INT
  [ -n "$agent_pid" ] && kill -TERM "$agent_pid" 2>/dev/null
  # Sortie stopping the run (sortie_stop_run) wrote its reason first and records the outcome
  # itself once every process of the run is gone; any other TERM or INT is a cancel.
  if [ ! -f "$SORTIE_RUN_DIR/$sortie_file_stop_reason" ]; then
    finished
    put "$sortie_file_status" "$sortie_status_canceled"
  fi
  exit 130
}
trap on_stop TERM INT

# Stopped before it got here (a cancel while the launch was on its way): start nothing.
[ -f "$SORTIE_RUN_DIR/$sortie_file_stop_reason" ] && exit 0
put "$sortie_file_launcher_pid" "$$"
put "$sortie_file_status" "$sortie_status_running"
sortie_agent_run &
agent_pid=$!
put "$sortie_file_agent_pid" "$agent_pid"
wait "$agent_pid"
code=$?
put "$sortie_file_exit_code" "$code"
# The agent may end from Sortie's stop before this shell's own trap runs: the stop records it.
[ -f "$SORTIE_RUN_DIR/$sortie_file_stop_reason" ] && exit 130
finished
if [ "$code" -eq 0 ]; then
  put "$sortie_file_status" "$sortie_status_completed"
else
  put "$sortie_file_status" "$sortie_status_launcher_failed"
fi
