# restore-worktree WORKSPACE_ROOT CHECKOUT BRANCH WORKTREE
# For a follow-up: reuses the worktree of the earlier run on BRANCH, or recreates it from the
# local branch or the fork's copy of it. The checkout and the worktree must lie inside the
# workspace root (exit 65 otherwise).
set -eu
branch=$3
sortie_branch_ok "$branch" || {
  echo "Refusing the branch name '$branch'." >&2
  exit 64
}
sortie_worktree_place "$1" "$2" "$4" || exit $?
checkout=$sortie_checkout
worktree=$sortie_worktree

export GIT_TERMINAL_PROMPT=0
git -C "$checkout" fetch --quiet --prune origin >&2 || true
git -C "$checkout" fetch --quiet --prune upstream >&2 || true
if [ ! -L "$worktree" ] && [ -e "$worktree/.git" ]; then
  if ! git -C "$worktree" rev-parse --show-toplevel >/dev/null 2>&1; then
    echo "$worktree exists but is not a usable git worktree." >&2
    exit 1
  fi
  git -C "$worktree" checkout --quiet "$branch" -- >&2
  exit 0
fi
if [ -e "$worktree" ] || [ -L "$worktree" ]; then
  echo "$worktree exists but is not a git worktree." >&2
  exit 1
fi
git -C "$checkout" worktree prune >&2
if git -C "$checkout" show-ref --verify --quiet "refs/heads/$branch"; then
  git -C "$checkout" worktree add --quiet "$worktree" "$branch" >&2
elif git -C "$checkout" show-ref --verify --quiet "refs/remotes/origin/$branch"; then
  git -C "$checkout" worktree add --quiet -B "$branch" "$worktree" "origin/$branch" >&2
else
  echo "Branch $branch is gone from the runner and from the fork; the follow-up cannot continue it." >&2
  exit 1
fi
