# read-check-logs CAP_BYTES [OWNER/NAME RUN_ID JOB_ID]...
# The end (CAP_BYTES) of the failed steps' log (`gh run view --log-failed`) of each GitHub
# Actions job named (JOB_ID, or the whole run when it is "-"), four gh calls at a time, each
# answered as a frame (see sortie_framed) of KIND LOG and its INDEX among the triples.
set -u
export LC_ALL=C
sortie_digits "$1" || { echo "Refusing the cap '$1'." >&2; exit 64; }
cap=$1
shift
[ $(($# % 3)) = 0 ] || { echo 'read-check-logs takes OWNER/NAME RUN_ID JOB_ID triples.' >&2; exit 64; }
answers=$(mktemp -d) || exit 1
trap 'rm -rf "$answers"' EXIT

# failed_log REPO RUN JOB: the end of the log; gh's failure, not tail's success, is the answer.
failed_log() {
  local -a target=("$2")
  [ "$3" = - ] || target=(--job "$3")
  gh run view "${target[@]}" --log-failed -R "$1" | tail -c "$cap"
  return "${PIPESTATUS[0]}"
}
refuse() { printf 'Refusing the run %s (job %s) of %s.' "$2" "$3" "$1" >&2; return 64; }
index=0
while [ $# -ge 3 ]; do
  if [[ $1 =~ ^[A-Za-z0-9][A-Za-z0-9-]*/[A-Za-z0-9._-]+$ ]] && sortie_digits "$2" &&
    { [ "$3" = - ] || sortie_digits "$3"; }; then
    sortie_spawn 4 sortie_framed "$answers/$index" LOG "$index" failed_log "$1" "$2" "$3"
  else
    sortie_framed "$answers/$index" LOG "$index" refuse "$1" "$2" "$3"
  fi
  index=$((index + 1))
  shift 3
done
wait
for ((i = 0; i < index; i++)); do [ -f "$answers/$i" ] && cat -- "$answers/$i"; done
exit 0
