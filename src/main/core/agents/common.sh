# Shared by every agent fragment. Waits for the agent started in the background as PID and
# returns its exit status. When sortie_agent_run itself runs in a background subshell (the
# launcher's `sortie_agent_run &`), TERM and INT sent to that subshell are passed on to the
# agent, so stopping the pid the launcher knows also stops the agent. In the caller's own shell
# its traps are left alone.
sortie_wait_agent() {
  local pid=$1 code=0
  if [ "$BASHPID" != "$$" ]; then
    # shellcheck disable=SC2064 # the pid is meant to be expanded now
    trap "kill -TERM $pid 2>/dev/null" TERM INT
  fi
  while :; do
    code=0
    wait "$pid" || code=$?
    # wait also returns when a trapped signal arrives; only a gone process means the agent ended.
    kill -0 "$pid" 2>/dev/null || break
  done
  return "$code"
}
