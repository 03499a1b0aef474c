# cancel-run RUN_DIR...
# Stops each run: its whole process group (launcher, agent and whatever the agent started) gets
# TERM, then KILL for anything still alive a moment later; the run is marked canceled.
set -u
stop_group() {
  local pid=$1
  [ -n "$pid" ] || return 0
  kill -0 "$pid" 2>/dev/null || return 0
  kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null
}
for raw in "$@"; do
  dir=$(sortie_path "$raw")
  [ -d "$dir" ] || continue
  status=''
  [ -f "$dir/status.txt" ] && read -r status <"$dir/status.txt"
  # A finished run keeps its outcome, and its old pids may belong to other processes by now.
  case $status in completed | launcher_failed | canceled) continue ;; esac
  launcher=''; agent=''
  [ -f "$dir/launcher.pid" ] && read -r launcher <"$dir/launcher.pid"
  [ -f "$dir/agent.pid" ] && read -r agent <"$dir/agent.pid"
  stop_group "$launcher"
  [ -n "$agent" ] && kill -TERM "$agent" 2>/dev/null
  for _ in 1 2 3 4 5 6 7 8 9 10; do
    alive=0
    for pid in $launcher $agent; do kill -0 "$pid" 2>/dev/null && alive=1; done
    [ "$alive" = 0 ] && break
    sleep 0.2
  done
  for pid in $launcher $agent; do
    kill -KILL -- "-$pid" 2>/dev/null
    kill -KILL "$pid" 2>/dev/null
  done
  status=''
  [ -f "$dir/status.txt" ] && read -r status <"$dir/status.txt"
  if [ "$status" = running ] || [ "$status" = '' ]; then
    sortie_now >"$dir/finished-at.txt"
    printf 'canceled\n' >"$dir/status.txt"
  fi
done
exit 0
