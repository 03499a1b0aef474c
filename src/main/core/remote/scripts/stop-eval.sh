# stop-eval WORKSPACE_ROOT RUN_DIR
# Stops a run's eval still going (a chain canceled during its eval): its launcher is the leader
# of its own process group (started by setsid), so the group is signalled, TERM then KILL. Only
# a pid whose command line is this run directory's eval launcher is ever signalled. The lock
# stays, so the eval is never started again.
set -u
root=$(sortie_root "$1") || exit 65
run_dir=$(sortie_inside "$root" "$2") || exit 0
sortie_pid_of "$run_dir/$sortie_file_eval_pid" || exit 0
pid=$sortie_pid
owned() {
  local a0='' a1=''
  [ -r "/proc/$pid/cmdline" ] || return 1
  { IFS= read -r -d '' a0 && IFS= read -r -d '' a1; } 2>/dev/null <"/proc/$pid/cmdline"
  [ "$a1" = "$run_dir/$sortie_file_eval_launcher" ]
}
owned || exit 0
kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null
for _ in 1 2 3 4 5 6 7 8 9 10; do
  owned || exit 0
  sleep 0.2
done
kill -KILL -- "-$pid" 2>/dev/null || kill -KILL "$pid" 2>/dev/null
exit 0
