# prepare-review-worktree WORKSPACE_ROOT CHECKOUT PR_NUMBER BRANCH WORKTREE PINNED_SHA
# A worktree at exactly the pinned commit of a pull request, on a local review branch. The PR's
# head ref is fetched from upstream first (GitHub publishes it as refs/pull/N/head), then the
# pinned commit itself if it is still missing. When that commit is gone (the PR was force-pushed
# and it was collected), nothing newer is reviewed instead: the script fails saying so (exit 66).
# The checkout and the worktree must lie inside the workspace root (exit 65 otherwise).
set -eu
number=$3 branch=$4 sha=$6
if ! sortie_digits "$number" || ! sortie_branch_ok "$branch" || ! [[ $sha =~ ^[0-9a-f]{40}$ ]]; then
  echo "Refusing pull request '$number', branch '$branch', commit '$sha'." >&2
  exit 64
fi
sortie_worktree_place "$1" "$2" "$5" || exit $?
checkout=$sortie_checkout
worktree=$sortie_worktree

sortie_free_worktree_place "$checkout" "$worktree" || exit 1

head=''
if git -C "$checkout" fetch --quiet upstream "refs/pull/$number/head" >&2; then
  head=$(git -C "$checkout" rev-parse --verify -q 'FETCH_HEAD^{commit}' || true)
else
  echo "Could not fetch the head of pull request #$number; looking for the pinned commit alone." >&2
fi
if ! git -C "$checkout" cat-file -e "$sha^{commit}" 2>/dev/null; then
  git -C "$checkout" fetch --quiet upstream "$sha" >/dev/null 2>&1 || true
fi
if ! git -C "$checkout" cat-file -e "$sha^{commit}" 2>/dev/null; then
  echo "The pinned commit $sha is no longer in pull request #$number (was it force-pushed?); its head is now ${head:-unknown}. Nothing newer is reviewed in its place: re-review to pin the new head." >&2
  exit 66
fi
git -C "$checkout" worktree add --quiet -B "$branch" "$worktree" "$sha" >&2
