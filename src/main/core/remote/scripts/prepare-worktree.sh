# prepare-worktree WORKSPACE_ROOT CHECKOUT BASE_BRANCH BRANCH WORKTREE
# A fresh worktree on a new branch from upstream's base branch. A leftover worktree registered
# at that path is replaced; any other existing path is refused rather than overwritten. The
# checkout and the worktree must lie inside the workspace root (exit 65 otherwise).
set -eu
base_branch=$3
branch=$4
sortie_branch_ok "$branch" && sortie_branch_ok "$base_branch" || {
  echo "Refusing the branch names '$branch' and '$base_branch'." >&2
  exit 64
}
sortie_worktree_place "$1" "$2" "$5" || exit $?
checkout=$sortie_checkout
worktree=$sortie_worktree

sortie_free_worktree_place "$checkout" "$worktree" || exit 1
git -C "$checkout" worktree add --quiet -B "$branch" "$worktree" "upstream/$base_branch" >&2
