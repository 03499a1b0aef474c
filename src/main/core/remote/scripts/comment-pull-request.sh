# comment-pull-request PR_URL (comment body on stdin)
# Posts a comment on the pull request (`gh pr comment --body-file -`); prints its URL.
set -eu
[[ $1 =~ ^https://github\.com/[A-Za-z0-9][A-Za-z0-9-]*/[A-Za-z0-9._-]+/pull/[1-9][0-9]*$ ]] || {
  echo "Refusing $1: not a GitHub pull request URL." >&2
  exit 64
}
gh pr comment "$1" --body-file -
