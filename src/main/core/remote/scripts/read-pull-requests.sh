# read-pull-requests PR_URL...
# Reads every pull request with gh in one request: its state, head, reviews and checks
# (`gh pr view --json`), then its inline review comments (`gh api .../comments`), up to eight
# pull requests at a time. Each answer is framed as `<KIND> <INDEX> <EXIT> <BYTES>` and exactly
# BYTES bytes (KIND: PR or COMMENTS), in the order given, so nothing gh prints can break the
# framing. A URL that is not a GitHub pull request is refused.
set -u
export LC_ALL=C
fields=number,url,state,isDraft,headRefOid,mergedAt,reviewDecision,reviews,statusCheckRollup
command -v gh >/dev/null 2>&1 || {
  echo "gh (GitHub's command line) is not on PATH on this runner. Install it, or add it to PATH in the runner's shell prelude." >&2
  exit 127
}
frame() { printf '%s %s %s %s\n%s' "$1" "$2" "$3" "${#4}" "$4"; }

# read_one INDEX URL: the frames of one pull request.
read_one() {
  local index=$1 url=$2 slug number code out
  if [[ ! $url =~ ^https://github\.com/([A-Za-z0-9][A-Za-z0-9-]*)/([A-Za-z0-9._-]+)/pull/([1-9][0-9]*)$ ]]; then
    frame PR "$index" 64 "Refusing $url: not a GitHub pull request URL."
    return
  fi
  slug="${BASH_REMATCH[1]}/${BASH_REMATCH[2]}"
  number=${BASH_REMATCH[3]}
  code=0
  out=$(gh pr view "$url" --json "$fields" 2>&1) || code=$?
  frame PR "$index" "$code" "$out"
  [ "$code" = 0 ] || return 0
  code=0
  out=$(gh api "repos/$slug/pulls/$number/comments" 2>&1) || code=$?
  frame COMMENTS "$index" "$code" "$out"
}

answers=$(mktemp -d) || exit 1
trap 'rm -rf "$answers"' EXIT
index=0
for url in "$@"; do
  while [ "$(jobs -rp | wc -l)" -ge 8 ]; do wait -n 2>/dev/null || true; done
  read_one "$index" "$url" >"$answers/$index" &
  index=$((index + 1))
done
wait
for ((i = 0; i < index; i++)); do cat "$answers/$i"; done
