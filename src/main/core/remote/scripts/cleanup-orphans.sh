# cleanup-orphans WORKSPACE_ROOT KEEP_PATH...
# Removes run directories and worktrees under the workspace root that no known run uses (paths
# given after the root are kept), stopping anything still running in them. Prints
# `worktrees=N runDirs=N`.
set -u
root=$(sortie_path "$1")
shift
declare -A keep=()
for raw in "$@"; do keep["$(sortie_path "$raw")"]=1; done
removed_worktrees=0
removed_runs=0
[ -d "$root" ] || { printf 'worktrees=0 runDirs=0\n'; exit 0; }
for project in "$root"/*/; do
  project=${project%/}
  name=$(basename "$project")
  checkout="$project/$name"
  for dir in "$project"/dispatches/* "$project"/review-runs/*; do
    [ -d "$dir" ] || continue
    [ -n "${keep[$dir]:-}" ] && continue
    status=''
    [ -f "$dir/status.txt" ] && read -r status <"$dir/status.txt"
    for pidfile in "$dir/launcher.pid" "$dir/agent.pid"; do
      [ "$status" = running ] || break
      pid=''
      [ -f "$pidfile" ] && read -r pid <"$pidfile"
      [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null && { kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null; }
    done
    rm -rf -- "$dir"
    [ -e "$dir" ] || removed_runs=$((removed_runs + 1))
  done
  for worktree in "$project"/worktrees/* "$project"/review-worktrees/*; do
    [ -d "$worktree" ] || continue
    [ -n "${keep[$worktree]:-}" ] && continue
    if [ -d "$checkout/.git" ]; then git -C "$checkout" worktree remove --force "$worktree" >/dev/null 2>&1 || true; fi
    rm -rf -- "$worktree"
    [ -e "$worktree" ] || removed_worktrees=$((removed_worktrees + 1))
  done
  [ -d "$checkout/.git" ] && git -C "$checkout" worktree prune >/dev/null 2>&1
done
printf 'worktrees=%d runDirs=%d\n' "$removed_worktrees" "$removed_runs"
