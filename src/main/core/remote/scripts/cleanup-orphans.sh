# cleanup-orphans WORKSPACE_ROOT KEEP_PATH...
# Removes run directories and worktrees under the workspace root that no known run uses (the
# paths given after the root are kept), stopping anything still running in them. A review
# workspace (reviews/<key>) whose own folder is not among the kept paths is no review's any more:
# it goes as a whole, checkout included. It walks the
# current layout and the earlier one (workspace/layout.ts) and removes only entries named like a
# run id; links are removed as links, and a project folder that is a link is not walked.
# Prints `worktrees=N runDirs=N reviewWorkspaces=N`.
set -u
code=0
root=$(sortie_root "$1") || code=$?
[ "$code" = 2 ] && { printf 'worktrees=0 runDirs=0 reviewWorkspaces=0\n'; exit 0; }
[ "$code" = 0 ] || exit 65
shift
declare -A keep=()
for raw in "$@"; do
  path=$(sortie_inside "$root" "$raw" 2>/dev/null) && keep["$path"]=1
done
removed_worktrees=0
removed_runs=0
removed_workspaces=0
# The run ids among the kept paths: their local review branches stay.
declare -A kept_ids=()
for path in "${!keep[@]}"; do kept_ids["${path##*/}"]=1; done

# Review workspaces no review uses: their runs are stopped, then the whole folder goes. Only a
# folder holding nothing but a workspace's own names is one.
while IFS= read -r -d '' workspace; do
  path=$(sortie_inside "$root" "$workspace") || continue
  [ -n "${keep[$path]:-}" ] && continue
  foreign=''
  for entry in "$path"/* "$path"/.[!.]* "$path"/..?*; do
    [ -e "$entry" ] || [ -L "$entry" ] || continue
    case ${entry##*/} in
      "$sortie_layout_checkout" | "$sortie_layout_worktrees" | "$sortie_layout_runs") ;;
      *) foreign=yes ;;
    esac
  done
  [ -z "$foreign" ] || continue
  for dir in "$path/$sortie_layout_runs"/$sortie_run_id_glob; do
    [ -d "$dir" ] && [ ! -L "$dir" ] && sortie_stop_run "$dir" "$sortie_status_canceled"
  done
  sortie_remove "$root" "$path"
  [ -e "$path" ] || removed_workspaces=$((removed_workspaces + 1))
done < <(sortie_review_workspaces "$root")

while IFS= read -r -d '' dir; do
  path=$(sortie_inside "$root" "$dir") || continue
  [ -n "${keep[$path]:-}" ] && continue
  sortie_stop_run "$path" "$sortie_status_canceled"
  sortie_remove "$root" "$path"
  [ -e "$path" ] || removed_runs=$((removed_runs + 1))
done < <(sortie_each_run_dir "$root")

# remove_worktrees CHECKOUT FOLDER: the unkept run-id-named entries of a worktree folder.
remove_worktrees() {
  local checkout=$1 entry path
  [ -d "$2" ] && [ ! -L "$2" ] || return 0
  for entry in "$2"/$sortie_run_id_glob; do
    [ -e "$entry" ] || [ -L "$entry" ] || continue
    path=$(sortie_inside "$root" "$entry") || continue
    [ -n "${keep[$path]:-}" ] && continue
    if [ ! -L "$path" ] && sortie_registered_worktree "$checkout" "$path"; then
      git -C "$checkout" worktree remove --force "$path" >/dev/null 2>&1
    fi
    sortie_remove "$root" "$path"
    [ -e "$path" ] || [ -L "$path" ] || removed_worktrees=$((removed_worktrees + 1))
  done
  [ -d "$checkout/.git" ] && git -C "$checkout" worktree prune >/dev/null 2>&1
  remove_review_branches "$checkout"
  return 0
}

# remove_review_branches CHECKOUT: local review branches (sortie-review/<run id>) of runs no
# longer known; a branch still checked out somewhere is left to git, which refuses.
remove_review_branches() {
  local checkout=$1 branch id
  [ -d "$checkout/.git" ] && [ ! -L "$checkout" ] || return 0
  while IFS= read -r branch; do
    id=${branch#sortie-review/}
    # shellcheck disable=SC2053 # the glob is the point: a run id's shape
    [[ $id == $sortie_run_id_glob ]] || continue
    [ -n "${kept_ids[$id]:-}" ] || git -C "$checkout" branch -D -- "$branch" >/dev/null 2>&1 || true
  done < <(git -C "$checkout" for-each-ref --format='%(refname:short)' refs/heads/sortie-review/ 2>/dev/null)
}

for project in "$root/$sortie_layout_projects"/*; do
  [ -d "$project" ] && [ ! -L "$project" ] || continue
  remove_worktrees "$project/$sortie_layout_checkout" "$project/$sortie_layout_worktrees"
done
while IFS= read -r -d '' project; do
  remove_worktrees "$project/$sortie_layout_checkout" "$project/$sortie_layout_worktrees"
done < <(sortie_review_workspaces "$root")
while IFS= read -r -d '' project; do
  name=${project##*/}
  # A worktree folder named like the project is its checkout, never a place of worktrees.
  for folder in "${sortie_legacy_worktree_folders[@]}"; do
    [ "$folder" = "$name" ] || remove_worktrees "$project/$name" "$project/$folder"
  done
done < <(sortie_legacy_projects "$root")
printf 'worktrees=%d runDirs=%d reviewWorkspaces=%d\n' "$removed_worktrees" "$removed_runs" "$removed_workspaces"
