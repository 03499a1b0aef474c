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

if [ -e "$worktree" ] || [ -L "$worktree" ]; then
  if [ ! -L "$worktree" ] && sortie_registered_worktree "$checkout" "$worktree"; then
    git -C "$checkout" worktree remove --force "$worktree" >&2 || true
  else
    echo "Refusing to overwrite $worktree: it exists and is not a worktree of $checkout." >&2
    exit 1
  fi
fi
git -C "$checkout" worktree prune >&2
git -C "$checkout" worktree add --quiet -B "$branch" "$worktree" "upstream/$base_branch" >&2
