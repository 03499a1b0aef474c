# read-changes WORKSPACE_ROOT WORKTREE BASE_BRANCH PATCH_CAP_BYTES
# What a worktree's branch changed against its base (the merge base with upstream's base branch,
# else origin's), in one request, each part a frame (see sortie_framed): META (base and head
# commits), NUMSTAT (`git diff --numstat -z` of the base against the working tree, so uncommitted
# work counts), UNTRACKED (new files git does not track yet, NUL-separated), PATCH (the unified
# diff, its first PATCH_CAP_BYTES) and LOG (the branch's commits). Reads only; the worktree must
# lie inside the workspace root (exit 65 otherwise).
set -u
export LC_ALL=C
sortie_branch_ok "$3" && sortie_digits "$4" || {
  echo "Refusing the base branch '$3' or the cap '$4'." >&2
  exit 64
}
root=$(sortie_root "$1") || exit 65
worktree=$(sortie_inside "$root" "$2")
case $? in
  0) ;;
  2)
    echo "The worktree $2 is gone from the runner." >&2
    exit 66
    ;;
  *) exit 65 ;;
esac
[ -L "$worktree" ] && {
  echo "Refusing $2: it is a symbolic link, not the worktree Sortie made." >&2
  exit 65
}
cap=$4
answers=$(mktemp -d) || exit 1
trap 'rm -rf "$answers"' EXIT
git() { command git -C "$worktree" -c core.quotepath=off "$@"; }

base=''
for ref in "upstream/$3" "origin/$3" "$3"; do
  base=$(git merge-base HEAD "refs/remotes/$ref" 2>/dev/null || git merge-base HEAD "refs/heads/$ref" 2>/dev/null) &&
    [ -n "$base" ] && break
  base=''
done
[ -n "$base" ] || {
  echo "No base to compare with: neither upstream/$3 nor origin/$3 shares history with the branch." >&2
  exit 1
}
meta() { printf '%s %s' "$base" "$(git rev-parse HEAD)"; }
# git is cut off (SIGPIPE, 141) once head has the cap: that is the cap working, not a failure.
patch() {
  git diff --no-color --no-ext-diff -U3 "$base" | head -c "$cap"
  local status=("${PIPESTATUS[@]}")
  [ "${status[0]}" = 0 ] || [ "${status[0]}" = 141 ] || return "${status[0]}"
}
sortie_framed "$answers/1" META 0 meta
sortie_framed "$answers/2" NUMSTAT 0 git diff --no-color --no-ext-diff --numstat -z "$base"
sortie_framed "$answers/3" UNTRACKED 0 git ls-files -z --others --exclude-standard
sortie_framed "$answers/4" PATCH 0 patch
sortie_framed "$answers/5" LOG 0 git log --no-color -z --format='%H%x1f%an%x1f%aI%x1f%s' "$base..HEAD"
cat -- "$answers/1" "$answers/2" "$answers/3" "$answers/4" "$answers/5"
