# launcher RUN_DIR WORKTREE
# Uploaded into the run directory as launch.sh (after the runner's prelude, Sortie's helpers
# and the agent's fragment, which defines sortie_agent_run) and started detached by
# launch-run.sh: it outlives the SSH connection and the app. It records its pid, the agent's
# pid and exit code, and the status the app reconciles from:
#   running -> completed | launcher_failed | canceled   (finished-at.txt written first)
# TERM or INT (a cancel) stops the agent and marks the run canceled.
set -u
SORTIE_RUN_DIR=$(sortie_path "$1")
SORTIE_WORKTREE=$(sortie_path "$2")
export SORTIE_RUN_DIR SORTIE_WORKTREE
cd "$SORTIE_RUN_DIR" || exit 1

# Each file is written aside and renamed, so a reader never sees half of it.
put() { printf '%s\n' "$2" >"$SORTIE_RUN_DIR/.$1.tmp" && mv -f "$SORTIE_RUN_DIR/.$1.tmp" "$SORTIE_RUN_DIR/$1"; }
finished() { put finished-at.txt "$(sortie_now)"; }

agent_pid=''
on_cancel() {
  trap '' TERM INT
  [ -n "$agent_pid" ] && kill -TERM "$agent_pid" 2>/dev/null
  finished
  put status.txt canceled
  exit 130
}
trap on_cancel TERM INT

put launcher.pid "$$"
put status.txt running
sortie_agent_run &
agent_pid=$!
put agent.pid "$agent_pid"
wait "$agent_pid"
code=$?
put exit-code.txt "$code"
finished
if [ "$code" -eq 0 ]; then put status.txt completed; else put status.txt launcher_failed; fi
