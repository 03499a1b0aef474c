# cleanup-task MODE CHECKOUT_PATH WORKTREE... -- RUN_DIR...
# Removes a task's remote traces: stops any of its runs still going, removes its worktrees, and
# with MODE=delete also its run directories (MODE=close keeps them as history). Prints
# `worktrees=N runDirs=N`.
set -u
mode=$1
checkout=$(sortie_path "$2")
shift 2
worktrees=()
while [ "$#" -gt 0 ] && [ "$1" != -- ]; do
  worktrees+=("$(sortie_path "$1")")
  shift
done
[ "$#" -gt 0 ] && shift
run_dirs=()
for raw in "$@"; do run_dirs+=("$(sortie_path "$raw")"); done

removed_worktrees=0
removed_runs=0
for dir in "${run_dirs[@]}"; do
  [ -d "$dir" ] || continue
  status=''
  [ -f "$dir/status.txt" ] && read -r status <"$dir/status.txt"
  # Only a run still going is stopped: a finished run's old pids may belong to others by now.
  [ "$status" = running ] || [ "$status" = '' ] || continue
  for name in launcher.pid agent.pid; do
    pid=''
    [ -f "$dir/$name" ] && read -r pid <"$dir/$name"
    [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null && { kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null; }
  done
  sortie_now >"$dir/finished-at.txt"
  printf 'canceled\n' >"$dir/status.txt"
done
for worktree in "${worktrees[@]}"; do
  [ -e "$worktree" ] || continue
  if [ -d "$checkout/.git" ]; then git -C "$checkout" worktree remove --force "$worktree" >/dev/null 2>&1 || true; fi
  rm -rf -- "$worktree"
  [ -e "$worktree" ] || removed_worktrees=$((removed_worktrees + 1))
done
[ -d "$checkout/.git" ] && git -C "$checkout" worktree prune >/dev/null 2>&1
if [ "$mode" = delete ]; then
  for dir in "${run_dirs[@]}"; do
    [ -e "$dir" ] || continue
    rm -rf -- "$dir"
    [ -e "$dir" ] || removed_runs=$((removed_runs + 1))
  done
fi
printf 'worktrees=%d runDirs=%d\n' "$removed_worktrees" "$removed_runs"
