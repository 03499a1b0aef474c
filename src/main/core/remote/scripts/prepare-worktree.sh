# prepare-worktree CHECKOUT_PATH BASE_BRANCH BRANCH WORKTREE_PATH
# A fresh worktree on a new branch from upstream's base branch. A leftover worktree registered
# at that path is replaced; any other existing path is refused rather than overwritten.
set -eu
checkout=$(sortie_path "$1")
base_branch=$2
branch=$3
worktree=$(sortie_path "$4")

mkdir -p "$(dirname "$worktree")"
if [ -e "$worktree" ]; then
  if git -C "$checkout" worktree list --porcelain | grep -Fxq "worktree $worktree"; then
    git -C "$checkout" worktree remove --force "$worktree" >&2 || true
  else
    echo "Refusing to overwrite $worktree: it exists and is not a worktree of $checkout." >&2
    exit 1
  fi
fi
git -C "$checkout" worktree prune >&2
git -C "$checkout" worktree add --quiet -B "$branch" "$worktree" "upstream/$base_branch" >&2
