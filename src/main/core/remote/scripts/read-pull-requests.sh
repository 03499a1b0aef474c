# read-pull-requests PR_URL...
# Reads every pull request with gh in one request: its state, head and review decision
# (`gh pr view --json`), its reviews and inline review comments (`gh api`, every page), and its
# required checks (`gh pr checks --required --json`), eight gh calls at a time. Each answer is a
# frame (see sortie_framed) of KIND PR, REVIEWS, COMMENTS or CHECKS and the pull request's INDEX
# in the arguments. A URL that is not a GitHub pull request is refused, by its own frame.
set -u
export LC_ALL=C
fields=number,url,state,isDraft,headRefOid,headRefName,mergedAt,reviewDecision,statusCheckRollup
checks=name,state,bucket,link,workflow,startedAt
command -v gh >/dev/null 2>&1 || {
  echo "gh (GitHub's command line) is not on PATH on this runner. Install it, or add it to PATH in the runner's shell prelude." >&2
  exit 127
}
answers=$(mktemp -d) || exit 1
trap 'rm -rf "$answers"' EXIT

refuse() { printf 'Refusing %s: not a GitHub pull request URL.' "$1" >&2; return 64; }
index=0
for url in "$@"; do
  if [[ $url =~ ^https://github\.com/([A-Za-z0-9][A-Za-z0-9-]*)/([A-Za-z0-9._-]+)/pull/([1-9][0-9]*)$ ]]; then
    api="repos/${BASH_REMATCH[1]}/${BASH_REMATCH[2]}/pulls/${BASH_REMATCH[3]}"
    sortie_spawn 8 sortie_framed "$answers/$index.1" PR "$index" gh pr view "$url" --json "$fields"
    sortie_spawn 8 sortie_framed "$answers/$index.2" REVIEWS "$index" gh api --paginate "$api/reviews?per_page=100"
    sortie_spawn 8 sortie_framed "$answers/$index.3" COMMENTS "$index" gh api --paginate "$api/comments?per_page=100"
    sortie_spawn 8 sortie_framed "$answers/$index.4" CHECKS "$index" gh pr checks "$url" --required --json "$checks"
  else
    sortie_framed "$answers/$index.1" PR "$index" refuse "$url"
  fi
  index=$((index + 1))
done
wait
for ((i = 0; i < index; i++)); do
  for part in 1 2 3 4; do
    [ -f "$answers/$i.$part" ] && cat -- "$answers/$i.$part"
  done
done
exit 0
