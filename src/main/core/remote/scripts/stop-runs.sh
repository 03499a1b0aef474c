# stop-runs WORKSPACE_ROOT FINAL_STATUS RUN_DIR...
# Stops each run still going (sortie_stop_run: TERM to its process group, a wait, KILL) and
# records FINAL_STATUS (canceled, timed_out or completed). Run directories outside the
# workspace root are refused before anything is signalled.
set -u
code=0
sortie_check_root "$1" || code=$?
root=$sortie_root_real
[ "$code" = 2 ] && exit 0
[ "$code" = 0 ] || exit 65
final=$2
shift 2
case $final in
  "$sortie_status_canceled" | "$sortie_status_timed_out" | "$sortie_status_completed") ;;
  *)
    echo "stop-runs: unknown final status '$final'." >&2
    exit 64
    ;;
esac
dirs=()
for raw in "$@"; do
  code=0
  sortie_locate "$root" "$raw" || code=$?
  dir=$sortie_located
  [ "$code" = 2 ] && continue
  [ "$code" = 0 ] || exit 65
  dirs+=("$dir")
done
for dir in ${dirs[@]+"${dirs[@]}"}; do
  sortie_stop_run "$dir" "$final"
done
exit 0
