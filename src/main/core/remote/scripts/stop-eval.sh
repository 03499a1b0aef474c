# stop-eval WORKSPACE_ROOT RUN_DIR
# Stops a run's eval (a chain canceled, or its task closed): a stop marker is written first, and
# the lock taken, so an eval not yet started never starts and one still in its prelude never
# runs the command; then its launcher's process group (it was started by setsid) is signalled,
# TERM then KILL. Only a pid whose command line is this run directory's eval launcher is signalled.
set -u
root=$(sortie_root "$1") || exit 65
run_dir=$(sortie_inside "$root" "$2") || exit 0
[ -d "$run_dir" ] && [ ! -L "$run_dir" ] || exit 0
sortie_put "$run_dir/$sortie_file_eval_stop" stopped
mkdir "$run_dir/$sortie_file_eval_lock" 2>/dev/null
sortie_pid_of "$run_dir/$sortie_file_eval_pid" || exit 0
pid=$sortie_pid
sortie_owns_eval_pid "$run_dir" "$pid" || exit 0
kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null
for _ in 1 2 3 4 5 6 7 8 9 10; do
  sortie_owns_eval_pid "$run_dir" "$pid" || exit 0
  sleep 0.2
done
kill -KILL -- "-$pid" 2>/dev/null || kill -KILL "$pid" 2>/dev/null
exit 0
