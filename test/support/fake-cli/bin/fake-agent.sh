# The scenario both fake agents play (sourced after fake-lib.sh). The agent script defines the
# hooks that print its own event format:
#   agent_start; agent_reasoning TEXT; agent_message TEXT
#   agent_command_started DISPLAY; agent_command_done DISPLAY OUTPUT EXIT_CODE
#   agent_file_change PATH KIND(add|update) NEW_TEXT
#   agent_finish RESULT_JSON SUMMARY; agent_fail MESSAGE (exits non-zero); agent_malformed
# and sets fa_name (for commits) before calling fa_main.
#
# Behaviour comes from ${FAKE_AGENT_HOME:-$HOME/.fake-agent}/outcome (first line): success
# (default), blocked, failed, exit-nonzero, crash, hang, malformed, big-output, slow, linger
# (succeeds, then never exits: a child that ignores TERM keeps it alive, as an MCP server can).
# A file `reported-worktree` there makes the result claim that worktreePath instead of the real
# one (a confused model, or a prompt injection).

fa_state=${FAKE_AGENT_HOME:-$HOME/.fake-agent}
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
    success) fa_change_and_pull_request ;;
    slow)
      fa_pace_seconds=0.5
      fa_change_and_pull_request
      ;;
    big-output)
      fa_big_output
      fa_change_and_pull_request
      ;;
    blocked)
      agent_reasoning 'The task cannot be done without information nobody gave me.'
      agent_message 'I am blocked: the task needs a decision from a maintainer.'
      agent_finish "$(fa_result blocked 'Blocked: the task needs a decision from a maintainer.' '' "$(fa_branch)" \
        'The fake agent was told to report a blocker.')" 'Blocked: the task needs a decision from a maintainer.'
      ;;
    failed)
      agent_message 'Running the tests before changing anything.'
      fa_exec 'make test' bash -c 'echo "FAIL  test/widget.test.ts > renders"; echo "1 test failed" >&2; exit 2'
      agent_finish "$(fa_result failed 'The tests fail and I could not fix them.' '' "$(fa_branch)" "$fa_out")" \
        'The tests fail and I could not fix them.'
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
      fa_change_and_pull_request
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
