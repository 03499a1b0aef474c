# poll-evals WORKSPACE_ROOT CAP_BYTES RUN_DIR...
# The eval state of several runs in one request, framed as `<KIND> <INDEX> <BYTES>` then exactly
# BYTES bytes: STATE is none (not started), running, lost (started, but its launcher is gone
# without an exit code: killed, or the runner restarted) or done; a done eval adds EXIT, and the
# last CAP_BYTES of STDOUT and STDERR; a lost one adds LOG (what its launcher said). Outputs are
# read only once the eval is done, so a chatty eval never makes a poll large.
set -u
export LC_ALL=C
root=$(sortie_root "$1") || exit 65
sortie_digits "$2" || exit 64
cap=$2
shift 2
frame() { printf '%s %s %s\n%s' "$1" "$2" "${#3}" "$3"; }
index=0
for raw in "$@"; do
  dir=$(sortie_inside "$root" "$raw" 2>/dev/null) || dir=''
  if [ -n "$dir" ] && [ -f "$dir/$sortie_file_eval_exit" ]; then
    sortie_read_first "$dir/$sortie_file_eval_exit"
    frame STATE "$index" done
    frame EXIT "$index" "$sortie_line"
    frame STDOUT "$index" "$(tail -c "$cap" "$dir/$sortie_file_eval_stdout" 2>/dev/null)"
    frame STDERR "$index" "$(tail -c "$cap" "$dir/$sortie_file_eval_stderr" 2>/dev/null)"
  elif [ -n "$dir" ] && [ -d "$dir/$sortie_file_eval_lock" ]; then
    if sortie_pid_of "$dir/$sortie_file_eval_pid" && sortie_owns_eval_pid "$dir" "$sortie_pid"; then
      frame STATE "$index" running
    elif [ ! -f "$dir/$sortie_file_eval_pid" ] && [ -z "$(find "$dir/$sortie_file_eval_lock" -maxdepth 0 -mmin +1 2>/dev/null)" ]; then
      # Locked a moment ago and not yet recorded: it is starting.
      frame STATE "$index" running
    else
      frame STATE "$index" lost
      frame LOG "$index" "$(tail -c 4096 "$dir/$sortie_file_eval_log" 2>/dev/null)"
    fi
  else
    frame STATE "$index" none
  fi
  index=$((index + 1))
done
