# The scenario both fake agents play (sourced after fake-lib.sh). The agent script defines the
# hooks that print its own event format:
#   agent_start; agent_reasoning TEXT; agent_message TEXT
#   agent_command_started DISPLAY; agent_command_done DISPLAY OUTPUT EXIT_CODE
#   agent_file_change PATH KIND(add|update) NEW_TEXT
#   agent_finish RESULT_JSON SUMMARY; agent_fail MESSAGE (exits non-zero); agent_malformed
# and sets fa_name (for commits) before calling fa_main. It sets fa_mode=review when the result
# schema it was given has `reviewSubmitted` (a pull request review run; see fa_review), else the
# scenario is a task: commit, push to the fork, open or update a pull request.
#
# Behaviour comes from ${FAKE_AGENT_HOME:-$HOME/.fake-agent}/outcome (first line): success
# (default), blocked, failed, exit-nonzero, crash, hang, malformed, big-output, slow, linger
# (succeeds, then never exits: a child that ignores TERM keeps it alive, as an MCP server can),
# review-unsubmitted (a review run that claims success without submitting a review; a task run
# treats it as success). A file `reported-worktree` there makes the result claim that
# worktreePath instead of the real one (a confused model, or a prompt injection).

fa_state=${FAKE_AGENT_HOME:-$HOME/.fake-agent}
fa_mode=task
fa_pace_seconds=0
fa_child=''

fa_on_signal() {
  [ -n "$fa_child" ] && kill "$fa_child" 2>/dev/null
  exit 143
}

# Records who we are and what we got: pid, argv (NUL-separated), and the prompt from stdin or $1.
fa_begin() {
  mkdir -p "$fa_state"
  printf '%s\n' "$$" >"$fa_state/agent.pid"
  printf '%s\n' "$$" >>"$fa_state/agent.pids"
  printf '%s\0' "${fa_argv[@]}" >"$fa_state/last-args"
  trap fa_on_signal TERM INT
}

fa_save_prompt() {
  if [ -n "${1+set}" ]; then printf '%s' "$1" >"$fa_state/last-prompt.md"; else cat >"$fa_state/last-prompt.md"; fi
}

fa_outcome() {
  local outcome=''
  [ -f "$fa_state/outcome" ] && IFS= read -r outcome <"$fa_state/outcome"
  outcome=${outcome//[[:space:]]/}
  printf '%s' "${outcome:-success}"
}

# Sleeps in the background so TERM is handled at once.
fa_sleep() {
  sleep "$1" &
  fa_child=$!
  wait "$fa_child"
  fa_child=''
}

fa_pace() { [ "$fa_pace_seconds" = 0 ] || fa_sleep "$fa_pace_seconds"; }

# Runs "$@" in the worktree as a command the agent executes, leaving its output in fa_out.
fa_exec() {
  local display=$1 code=0
  shift
  agent_command_started "$display"
  fa_out=$(cd "$fa_worktree" && "$@" 2>&1) || code=$?
  agent_command_done "$display" "$fa_out" "$code"
  return "$code"
}

# The first non-empty line under a heading of the prompt.
fa_prompt_line() {
  awk -v heading="$1" '
    $0 == heading { found = 1; next }
    found && /^## / { exit }
    found && NF { print; exit }
  ' "$fa_state/last-prompt.md"
}

fa_result() {
  local status=$1 summary=$2 pr=$3 branch=$4 notes=$5 worktree=$fa_worktree
  [ -f "$fa_state/reported-worktree" ] && IFS= read -r worktree <"$fa_state/reported-worktree"
  printf '{"status":%s,"summary":%s,"pullRequestUrl":%s,"branchName":%s,"worktreePath":%s,"notes":%s}' \
    "$(fj "$status")" "$(fj "$summary")" "$([ -n "$pr" ] && fj "$pr" || echo null)" \
    "$([ -n "$branch" ] && fj "$branch" || echo null)" "$(fj "$worktree")" \
    "$([ -n "$notes" ] && fj "$notes" || echo null)"
}

fa_branch() { git -C "$fa_worktree" rev-parse --abbrev-ref HEAD 2>/dev/null; }

# A step of the change failed: the agent reports a failed run (and still exits 0, as agents do).
fa_give_up() {
  local what=$1
  agent_message "I could not $what, so I am stopping here."
  agent_finish "$(fa_result failed "Could not $what." '' "$(fa_branch)" "$fa_out")" "Could not $what."
}

fa_change_and_pull_request() {
  local branch title subject file kind line url follow_up=0 summary
  branch=$(fa_branch)
  title=$(fa_prompt_line '## Task title')
  grep -q '^## Follow-up request to handle now' "$fa_state/last-prompt.md" && follow_up=1
  if [ "$follow_up" = 1 ]; then subject="fix: follow-up on ${title:0:60}"; else subject="feat: ${title:0:60}"; fi

  agent_reasoning "The task asks for: ${title}. I will record it in FAKE_CHANGES.md and open a pull request from ${branch}."
  fa_pace
  agent_message "Looking at the worktree first."
  fa_exec 'git status --short --branch' git status --short --branch || { fa_give_up 'read the worktree status'; return; }
  fa_pace

  file="$fa_worktree/FAKE_CHANGES.md"
  kind=update
  [ -f "$file" ] || kind=add
  line="- $(fake_now) $fa_name: $subject"
  printf '%s\n' "$line" >>"$file"
  agent_file_change "$file" "$kind" "$line"
  fa_pace

  fa_exec 'git add FAKE_CHANGES.md' git add FAKE_CHANGES.md || { fa_give_up 'stage the change'; return; }
  fa_exec "git commit -m '${subject//\'/\'\\\'\'}'" \
    git -c user.name='Fake Agent' -c user.email=fake-agent@example.invalid commit -q -m "$subject" ||
    { fa_give_up 'commit the change'; return; }
  fa_pace
  fa_exec "git push origin HEAD:refs/heads/$branch" git push -q origin "HEAD:refs/heads/$branch" ||
    { fa_give_up 'push the branch'; return; }
  fa_pace
  fa_exec "gh pr list --head $branch --json url --jq '.[0].url'" \
    gh pr list --head "$branch" --json url --jq '.[0].url' || { fa_give_up 'look for an existing pull request'; return; }
  url=$fa_out
  if [ -z "$url" ]; then
    fa_exec "gh pr create --fill --head $branch" gh pr create --fill --head "$branch" ||
      { fa_give_up 'open a pull request'; return; }
    url=$(printf '%s\n' "$fa_out" | grep -E '^https://' | tail -n 1)
    summary="Recorded the task in FAKE_CHANGES.md and opened $url."
  else
    summary="Pushed a new commit to $url."
  fi
  fa_pace
  agent_message "$summary"
  agent_finish "$(fa_result succeeded "$summary" "$url" "$branch" '')" "$summary"
}

# ---- review mode ------------------------------------------------------------------------------
# The prompt names the pull request, the commit the worktree must be at and the review's first
# line on lines of their own:
#   - Pull request: https://github.com/OWNER/NAME/pull/N
#   - Pinned commit: <40 hex digits>
#   ... first line of the review body must be exactly: `@someone asked me to review this pull request.`
# The first line of each kind counts.

fa_review_result() { # STATUS SUMMARY SUBMITTED(true|false) REVIEW_ID REVIEW_URL NOTES
  local worktree=$fa_worktree
  [ -f "$fa_state/reported-worktree" ] && IFS= read -r worktree <"$fa_state/reported-worktree"
  printf '{"status":%s,"summary":%s,"reviewSubmitted":%s,"githubReviewId":%s,"githubReviewUrl":%s,"worktreePath":%s,"notes":%s}' \
    "$(fj "$1")" "$(fj "$2")" "$3" "$([ -n "$4" ] && fj "$4" || echo null)" \
    "$([ -n "$5" ] && fj "$5" || echo null)" "$(fj "$worktree")" "$([ -n "$6" ] && fj "$6" || echo null)"
}

# The result of a run that ends without doing its work, shaped for the mode.
fa_stop() { # STATUS SUMMARY NOTES
  if [ "$fa_mode" = review ]; then
    agent_finish "$(fa_review_result "$1" "$2" false '' '' "$3")" "$2"
  else
    agent_finish "$(fa_result "$1" "$2" '' "$(fa_branch)" "$3")" "$2"
  fi
}

fa_review_give_up() {
  agent_message "I could not $1, so I am stopping here."
  fa_stop failed "Could not $1." "$fa_out"
}

fa_review() {
  local prompt=$fa_state/last-prompt.md anchor='first line of the review body must be exactly: '
  local line pr_url pinned mention slug number head base_ref base='' candidate merge_base files first count
  local input summary review_id review_url tick='`'
  line=$(grep -m 1 -E '^[[:space:]]*[-*] Pull request: ' "$prompt")
  if [[ $line =~ https://github\.com/([^/[:space:]]+)/([^/[:space:]]+)/pull/([0-9]+) ]]; then
    pr_url=${BASH_REMATCH[0]} slug="${BASH_REMATCH[1]}/${BASH_REMATCH[2]}" number=${BASH_REMATCH[3]}
  fi
  line=$(grep -m 1 -E '^[[:space:]]*[-*] Pinned commit: ' "$prompt")
  [[ $line =~ (^|[^0-9a-f])([0-9a-f]{40})([^0-9a-f]|$) ]] && pinned=${BASH_REMATCH[2]}
  line=$(grep -m 1 -F -- "$anchor" "$prompt")
  line=${line#*"$anchor"}
  [[ $line =~ ^$tick([^$tick]+)$tick ]] && mention=${BASH_REMATCH[1]}
  if [ -z "${pr_url:-}" ] || [ -z "${pinned:-}" ] || [ -z "${mention:-}" ]; then
    agent_message 'The prompt does not say which pull request, which commit or how the review must start.'
    fa_stop failed 'The prompt lacks the pull request URL, the pinned commit or the first line of the review.' \
      "pull request: ${pr_url:-none}; pinned commit: ${pinned:-none}; first line: ${mention:-none}"
    return
  fi

  agent_reasoning "I am asked to review $pr_url at $pinned, without changing anything, and to submit one COMMENT review."
  fa_pace
  fa_exec 'git rev-parse HEAD' git rev-parse HEAD || { fa_review_give_up 'read the worktree commit'; return; }
  head=$fa_out
  if [ "$head" != "$pinned" ]; then
    agent_message "The worktree is not at the pinned commit, so I will not review it."
    fa_stop failed "The worktree is at $head but the pinned commit is $pinned." ''
    return
  fi
  fa_exec "gh api repos/$slug/pulls/$number --jq .base.ref" gh api "repos/$slug/pulls/$number" --jq .base.ref ||
    { fa_review_give_up 'read the pull request'; return; }
  base_ref=$fa_out
  # The changes of the pull request: from where it left its base branch to the pinned commit.
  for candidate in "upstream/$base_ref" "origin/$base_ref" "$base_ref"; do
    merge_base=$(git merge-base "$candidate" HEAD 2>/dev/null) && { base=$candidate; break; }
  done
  [ -n "$base" ] || { base='HEAD^' merge_base=$(git rev-parse -q --verify 'HEAD^' 2>/dev/null); }
  fa_pace
  fa_exec "git diff --stat $base...HEAD" git diff --stat "${merge_base:-HEAD}" HEAD ||
    { fa_review_give_up 'read the changes'; return; }
  files=$(git diff --name-only --diff-filter=AM "${merge_base:-HEAD}" HEAD 2>/dev/null)
  count=$(git diff --name-only "${merge_base:-HEAD}" HEAD 2>/dev/null | grep -c .)
  first=${files%%$'\n'*}
  summary="Looked at $count changed files; no blocking problems found."
  fa_pace

  if [ "$(fa_outcome)" = review-unsubmitted ]; then
    agent_message 'The changes look fine to me.'
    agent_finish "$(fa_review_result succeeded 'Reviewed the changes.' false '' '' '')" 'Reviewed the changes.'
    return
  fi

  input=$(mktemp "${TMPDIR:-/tmp}/fake-review.XXXXXX")
  {
    printf '{"commit_id":%s,"event":"COMMENT","body":%s,"comments":[' "$(fj "$pinned")" "$(fj "$mention"$'\n\n'"$summary")"
    [ -z "$first" ] || printf '{"path":%s,"line":1,"side":"RIGHT","body":%s}' "$(fj "$first")" \
      "$(fj "Nothing blocking in $first; this line reads fine.")"
    printf ']}\n'
  } >"$input"
  fa_exec "gh api -X POST repos/$slug/pulls/$number/reviews --input $input" \
    gh api -X POST "repos/$slug/pulls/$number/reviews" --input "$input" || {
    rm -f "$input"
    fa_review_give_up 'submit the review'
    return
  }
  rm -f "$input"
  review_id=$(fake_json_get "$fa_out" .id) && review_url=$(fake_json_get "$fa_out" .html_url) ||
    { fa_review_give_up 'read the submitted review from GitHub'\''s answer'; return; }
  agent_message "Submitted the review: $review_url"
  agent_finish "$(fa_review_result succeeded "Submitted a COMMENT review of $pr_url: $summary" true "$review_id" "$review_url" '')" \
    "Submitted a COMMENT review of $pr_url: $summary"
}

# What a run does when it works: its task, or the review.
fa_work() {
  if [ "$fa_mode" = review ]; then fa_review; else fa_change_and_pull_request; fi
}

# A final answer cut off in the middle (for agent_malformed).
fa_broken_result() {
  if [ "$fa_mode" = review ]; then
    printf '%s' '{"status":"succeeded","summary":"Submitted the review and'
  else
    printf '%s' '{"status":"succeeded","summary":"Opened the pull request and'
  fi
}

fa_big_output() {
  local chunk i
  printf -v chunk '%4000s' ''
  chunk=${chunk// /lorem }
  for ((i = 1; i <= 256; i++)); do agent_reasoning "Chunk $i of the long output: ${chunk:0:4000}"; done
}

fa_main() {
  local outcome
  outcome=$(fa_outcome)
  agent_start
  case $outcome in
    success | review-unsubmitted) fa_work ;;
    slow)
      fa_pace_seconds=0.5
      fa_work
      ;;
    big-output)
      fa_big_output
      fa_work
      ;;
    blocked)
      agent_reasoning "The $fa_mode cannot be done without information nobody gave me."
      agent_message "I am blocked: the $fa_mode needs a decision from a maintainer."
      fa_stop blocked "Blocked: the $fa_mode needs a decision from a maintainer." \
        'The fake agent was told to report a blocker.'
      ;;
    failed)
      agent_message 'Running the tests before changing anything.'
      fa_exec 'make test' bash -c 'echo "FAIL  test/widget.test.ts > renders"; echo "1 test failed" >&2; exit 2'
      fa_stop failed 'The tests fail and I could not fix them.' "$fa_out"
      ;;
    exit-nonzero)
      agent_message 'Starting on the task.'
      agent_fail 'stream disconnected before completion: connection reset by peer'
      ;;
    crash)
      agent_message 'Building the project.'
      agent_command_started 'cargo build --release'
      kill -KILL "$$"
      ;;
    linger)
      fa_work
      (
        trap '' TERM INT
        while :; do sleep 1; done
      ) &
      printf '%s\n' "$!" >>"$fa_state/agent.pids"
      while :; do fa_sleep 1; done
      ;;
    hang)
      agent_message 'Waiting for something that never comes.'
      while :; do fa_sleep 1; done
      ;;
    malformed)
      agent_message 'Done, here is my answer.'
      agent_malformed
      ;;
    *)
      echo "fake agent: unknown outcome '$outcome' in $fa_state/outcome" >&2
      exit 2
      ;;
  esac
}
