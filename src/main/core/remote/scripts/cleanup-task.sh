# cleanup-task WORKSPACE_ROOT MODE CHECKOUT WORKTREE... -- RUN_DIR... [-- BRANCH...]
# Removes a task's (or a review's) remote traces: stops any of its runs still going, removes its
# worktrees, and with MODE=delete also its run directories (MODE=close keeps them as history)
# and the given local branches of the checkout (only Sortie's review branches, named
# sortie-review/<run id>, are ever deleted). Every path is
# checked to lie strictly inside the workspace root before anything is stopped or removed; one
# that does not refuses the whole cleanup (exit 65). Links are removed as links, never followed.
# Prints `worktrees=N runDirs=N`.
set -u
code=0
root=$(sortie_root "$1") || code=$?
[ "$code" = 2 ] && { printf 'worktrees=0 runDirs=0\n'; exit 0; }
[ "$code" = 0 ] || exit 65
mode=$2
shift 2
code=0
checkout=$(sortie_inside "$root" "$1") || code=$?
[ "$code" = 1 ] && exit 65
shift
worktrees=()
while [ "$#" -gt 0 ] && [ "$1" != -- ]; do
  code=0
  path=$(sortie_inside "$root" "$1") || code=$?
  [ "$code" = 1 ] && exit 65
  [ "$code" = 0 ] && worktrees+=("$path")
  shift
done
[ "$#" -gt 0 ] && shift
run_dirs=()
while [ "$#" -gt 0 ] && [ "$1" != -- ]; do
  code=0
  path=$(sortie_inside "$root" "$1") || code=$?
  [ "$code" = 1 ] && exit 65
  [ "$code" = 0 ] && run_dirs+=("$path")
  shift
done
[ "$#" -gt 0 ] && shift
branches=()
for branch in "$@"; do
  # shellcheck disable=SC2053 # the glob is the point: a run id's shape
  [[ $branch == sortie-review/$sortie_run_id_glob ]] || {
    echo "Refusing to delete the branch '$branch': only review branches are removed." >&2
    exit 64
  }
  branches+=("$branch")
done

removed_worktrees=0
removed_runs=0
# (`${a[@]+"${a[@]}"}`: an empty array under set -u in bash before 4.4.)
for dir in ${run_dirs[@]+"${run_dirs[@]}"}; do
  sortie_stop_run "$dir" "$sortie_status_canceled"
done
for worktree in ${worktrees[@]+"${worktrees[@]}"}; do
  if [ ! -L "$worktree" ] && sortie_registered_worktree "$checkout" "$worktree"; then
    git -C "$checkout" worktree remove --force "$worktree" >/dev/null 2>&1
  fi
  sortie_remove "$root" "$worktree"
  [ -e "$worktree" ] || [ -L "$worktree" ] || removed_worktrees=$((removed_worktrees + 1))
done
[ -n "$checkout" ] && [ -d "$checkout/.git" ] && git -C "$checkout" worktree prune >/dev/null 2>&1
if [ "$mode" = delete ]; then
  for dir in ${run_dirs[@]+"${run_dirs[@]}"}; do
    sortie_remove "$root" "$dir"
    [ -e "$dir" ] || [ -L "$dir" ] || removed_runs=$((removed_runs + 1))
  done
  if [ -n "$checkout" ] && [ -d "$checkout/.git" ]; then
    for branch in ${branches[@]+"${branches[@]}"}; do
      git -C "$checkout" branch -D -- "$branch" >/dev/null 2>&1 || true
    done
  fi
fi
printf 'worktrees=%d runDirs=%d\n' "$removed_worktrees" "$removed_runs"
