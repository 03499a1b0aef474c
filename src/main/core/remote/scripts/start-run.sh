# start-run WORKSPACE_ROOT REGISTRY_PATH WORKTREE_STEP CHECKOUT_ARGC CHECKOUT_ARG... WORKTREE_ARGC
#           WORKTREE_ARG... RUN_DIR WORKTREE [NAME MODE CONTENT]...
# A run's whole launch as one supervised request (worker.sh MODE 1): each phase is reported as
# it starts, and each phase is the bundled script of the same name, run in a subshell of its own
# (defined before this text as sortie_step_<name>, see remote/run-directory/start-run.ts), so
# its checks and exit codes are exactly its own. The first phase that fails ends the launch
# with its exit code and its words on stderr; the client knows the phase from the progress.
#   REGISTRY_PATH        the project registry to record the checkout in ('' for none)
#   WORKTREE_STEP        prepare-worktree, restore-worktree or prepare-review-worktree
#   CHECKOUT_ARG...      ensure-checkout's arguments but the GitHub login (found here first)
#   WORKTREE_ARG...      the worktree step's arguments
#   NAME MODE CONTENT    the run directory's files (make-run-dir)
# Two questions go to the client: `save-registry` (with the fork's URL and the registry's text;
# the answer is the registry to write) and `launch` (answered `go` unless the run was canceled
# meanwhile). Without an answer nothing is written or started: exit 75.
# Prints the GitHub login and the fork's URL, a line each.
set -u
root=$1 registry=$2 step=$3
shift 3
count=$1
shift
checkout_args=("${@:1:count}")
shift "$count"
count=$1
shift
worktree_args=("${@:1:count}")
shift "$count"
run_dir=$1 worktree=$2
shift 2
case $step in prepare-worktree | restore-worktree | prepare-review-worktree) ;; *)
  echo "start-run: '$step' is not a worktree step" >&2
  exit 2
  ;;
esac
out=$sortie_tmp/start-run-step

# sortie_step_done CODE: ends the launch with a failed phase's code.
sortie_step_done() {
  (($1 == 0)) || exit "$1"
}

sortie_progress load-registry
registry_text=''
if [ -n "$registry" ]; then
  sortie_expand "$registry"
  registry_file=$sortie_expanded
  if [ -f "$registry_file" ]; then
    # One it cannot read would be written over with this project alone: refused instead.
    if [ ! -r "$registry_file" ]; then
      echo "The project registry $registry_file cannot be read; nothing was changed." >&2
      exit 1
    fi
    IFS= read -r -d '' registry_text <"$registry_file"
  fi
fi

sortie_progress check-github
(sortie_step_github_login) >"$out"
sortie_step_done $?
IFS= read -r login <"$out"

sortie_progress ensure-checkout
(sortie_step_ensure_checkout "${checkout_args[@]}" "$login") >"$out"
sortie_step_done $?
fork=''
while IFS= read -r line || [ -n "$line" ]; do fork=$line; done <"$out"

if [ -n "$registry" ]; then
  if ! sortie_ask "save-registry
$fork
$registry_text"; then
    echo "Sortie did not say what to record in the registry; nothing was launched." >&2
    exit 75
  fi
  printf '%s' "$sortie_reply" | (sortie_step_write_file "$registry" 600)
  sortie_step_done $?
fi

sortie_progress prepare-worktree
("sortie_step_${step//-/_}" "${worktree_args[@]}") >/dev/null
sortie_step_done $?

sortie_progress upload-prompt
(sortie_step_make_run_dir "$root" "$run_dir" "$@") >/dev/null
sortie_step_done $?

# The point of no return: only on the client's word, so a canceled run, or a client that went
# away meanwhile, never gets an agent.
if ! sortie_ask launch; then
  echo "Sortie did not confirm the launch; nothing was started." >&2
  exit 75
fi
[ "$sortie_reply" = go ] || exit 130
(
  exec {sortie_talk_fd}>&- {sortie_reply_fd}<&-
  sortie_step_launch_run "$root" "$run_dir" "$worktree"
) >/dev/null
sortie_step_done $?
printf '%s\n%s\n' "$login" "$fork"
