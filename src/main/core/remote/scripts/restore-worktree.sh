# restore-worktree CHECKOUT_PATH BRANCH WORKTREE_PATH
# For a follow-up: reuses the worktree of the earlier run on BRANCH, or recreates it from the
# local branch or the fork's copy of it.
set -eu
checkout=$(sortie_path "$1")
branch=$2
worktree=$(sortie_path "$3")

export GIT_TERMINAL_PROMPT=0
git -C "$checkout" fetch --quiet --prune origin >&2 || true
git -C "$checkout" fetch --quiet --prune upstream >&2 || true
if [ -e "$worktree/.git" ]; then
  if ! git -C "$worktree" rev-parse --show-toplevel >/dev/null 2>&1; then
    echo "$worktree exists but is not a usable git worktree." >&2
    exit 1
  fi
  git -C "$worktree" checkout --quiet "$branch" >&2
  exit 0
fi
if [ -e "$worktree" ]; then
  echo "$worktree exists but is not a git worktree." >&2
  exit 1
fi
mkdir -p "$(dirname "$worktree")"
git -C "$checkout" worktree prune >&2
if git -C "$checkout" show-ref --verify --quiet "refs/heads/$branch"; then
  git -C "$checkout" worktree add --quiet "$worktree" "$branch" >&2
elif git -C "$checkout" show-ref --verify --quiet "refs/remotes/origin/$branch"; then
  git -C "$checkout" worktree add --quiet -B "$branch" "$worktree" "origin/$branch" >&2
else
  echo "Branch $branch is gone from the runner and from the fork; the follow-up cannot continue it." >&2
  exit 1
fi
