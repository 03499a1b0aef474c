# poll-runs MAX_EVENT_BYTES STDERR_TAIL_BYTES KEEP_BYTES [RUN_DIR EVENTS_OFFSET]...
# One round trip for the state of every active run of a runner: for each run its status (as
# read before anything else, so a final status means all its output is already written),
# result, finish time and exit code, the new bytes of events.jsonl after EVENTS_OFFSET (at most
# MAX_EVENT_BYTES) with the file's modification time in ms (`<index>.events-at`), the last
# STDERR_TAIL_BYTES of stderr once it finished, or a marker that the run directory is gone. When
# more than KEEP_BYTES (0: no limit) wait after EVENTS_OFFSET, the events are read from the first
# line that starts in the newest KEEP_BYTES instead, and `events-from` says from which byte (the
# rest is skipped, never read). A run whose launcher died without a final status (the runner
# rebooted, the launcher was killed, its prelude exited) is reported as `lost`; one whose
# launcher never recorded itself is `unlaunched`. Names and statuses: run-directory/protocol.ts.
# The short facts of every run (missing, unlaunched, status, events-from, events-age) are lines
# `<index> <fact> <value>` of one file, `facts`: a file per fact and run cost a file creation
# each, most of a tick's time with hundreds of runs.
# The answer starts with `TAR` or `FRAMES`, then the scratch directory and the expanded run
# directories, each ended by a NUL, then the files: a tar stream (GNU tar) or, per file, its
# path, a NUL, its size, a newline and its bytes.
set -u
max_events=$1
stderr_tail=$2
keep=$3
sortie_digits "$max_events" && sortie_digits "$stderr_tail" && sortie_digits "$keep" || exit 64
shift 3
tmp=$(mktemp -d "${TMPDIR:-/tmp}/sortie-poll.XXXXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT

dirs=()
offsets=()
while [ "$#" -ge 2 ]; do
  sortie_digits "$2" || exit 64
  sortie_expand "$1"
  dirs+=("$sortie_expanded")
  offsets+=("$2")
  shift 2
done

files=()
facts=''
event_files=()
event_runs=()
for i in "${!dirs[@]}"; do
  d=${dirs[i]}
  if [ ! -d "$d" ]; then
    facts+="$i missing"$'\n'
    continue
  fi
  sortie_read_first "$d/$sortie_file_status"
  status=$sortie_line
  # A launcher gone while its status says running (or was never written, once it recorded
  # itself) is lost, unless Sortie is stopping the run: then the outcome is the stop's reason,
  # once nothing of the run is left (the stop may have died before recording it).
  if [ -f "$d/$sortie_file_launcher_pid" ] && { [ "$status" = "$sortie_status_running" ] || [ -z "$status" ]; } &&
    ! sortie_launcher_alive "$d"; then
    # It may have finished between the two reads: look again.
    sortie_read_first "$d/$sortie_file_status"
    status=$sortie_line
    case $status in
      "$sortie_status_running" | '')
        sortie_read_first "$d/$sortie_file_stop_reason"
        reason=$sortie_line
        case $reason in
          "$sortie_status_canceled" | "$sortie_status_timed_out" | "$sortie_status_completed")
            sortie_run_alive "$d" || status=$reason
            ;;
          *) status=lost ;;
        esac
        ;;
    esac
  fi
  facts+="$i status $status"$'\n'
  [ -f "$d/$sortie_file_launcher_pid" ] || facts+="$i unlaunched"$'\n'
  for name in "$sortie_file_result" "$sortie_file_finished_at" "$sortie_file_exit_code"; do
    [ -f "$d/$name" ] && files+=("$d/$name")
  done
  [ -f "$d/$sortie_file_events" ] && event_files+=("$d/$sortie_file_events") && event_runs+=("$i")
  if [ -n "$status" ] && [ "$status" != "$sortie_status_running" ] && [ -s "$d/$sortie_file_stderr" ]; then
    tail -c "$stderr_tail" "$d/$sortie_file_stderr" >"$tmp/$i.stderr"
    files+=("$tmp/$i.stderr")
  fi
done

# Now by the runner's clock, in ms (whole seconds where date has no %N): events files' ages.
now_ms=$(date +%s%3N 2>/dev/null)
case $now_ms in '' | *[!0-9]*) now_ms=$(date +%s)000 ;; esac

# One wc for every events file; only the ones that grew are read.
grown=() grown_runs=()
if [ "${#event_files[@]}" -gt 0 ]; then
  k=0
  while read -r size _; do
    [ "$k" -lt "${#event_files[@]}" ] || break
    i=${event_runs[k]}
    offset=${offsets[i]}
    if [ "$size" -gt "$offset" ] 2>/dev/null; then
      if [ "$keep" != 0 ] && [ $((10#$size - 10#$offset)) -gt "$((10#$keep))" ]; then
        # Too much waits: only the newest part is read, from the start of its first whole line.
        start=$((10#$size - 10#$keep))
        line=$(tail -c "+$((start + 1))" -- "${event_files[k]}" 2>/dev/null | head -n 1 | wc -c)
        line=${line//[!0-9]/}
        offset=$start
        [ -n "$line" ] && [ "$line" -lt "$keep" ] && offset=$((start + line))
        facts+="$i events-from $offset"$'\n'
      fi
      if [ "$offset" = 0 ] && [ "$size" -le "$max_events" ]; then
        # All of it is new: sent as it is, without a copy (the answer names it by its own path).
        files+=("${event_files[k]}")
      else
        tail -c "+$((offset + 1))" "${event_files[k]}" | head -c "$max_events" >"$tmp/$i.events"
        files+=("$tmp/$i.events")
      fi
      grown+=("${event_files[k]}")
      grown_runs+=("$i")
    fi
    k=$((k + 1))
  done < <(wc -c -- "${event_files[@]}")
fi

# How long ago each grown file was last written, in ms, by the runner's clock: Sortie stamps its
# output that long before it read it, not when it arrived (an age, so a runner clock that is off
# does not move the times). One process for all of them: GNU find gives fractions of a second,
# BSD stat whole seconds; without either nothing is sent (and Sortie uses its own time).
if [ "${#grown[@]}" -gt 0 ]; then
  mtimes=()
  mapfile -t mtimes < <(find "${grown[@]}" -maxdepth 0 -printf '%T@\n' 2>/dev/null)
  if [ "${#mtimes[@]}" -ne "${#grown[@]}" ]; then
    mapfile -t mtimes < <(stat -f %m "${grown[@]}" 2>/dev/null)
  fi
  if [ "${#mtimes[@]}" -eq "${#grown[@]}" ]; then
    for ((g = 0; g < ${#grown[@]}; g++)); do
      # Seconds with a fraction, to ms without arithmetic on anything but digits.
      at=${mtimes[g]%%.*} fraction=${mtimes[g]#*.}
      [ "$fraction" = "${mtimes[g]}" ] && fraction=''
      fraction="${fraction}000" fraction=${fraction:0:3}
      case $at$fraction$now_ms in
        '' | *[!0-9]*) continue ;;
      esac
      at=$((10#$at * 1000 + 10#$fraction))
      facts+="${grown_runs[g]} events-age $((now_ms > at ? now_ms - at : 0))"$'\n'
    done
  fi
fi

printf '%s' "$facts" >"$tmp/facts"
files+=("$tmp/facts")

header() {
  printf '%s\n%s\0' "$1" "$tmp"
  [ "${#dirs[@]}" -gt 0 ] && printf '%s\0' "${dirs[@]}"
}
if tar --version 2>/dev/null | head -n 1 | grep -q 'GNU tar'; then
  header TAR
  [ "${#files[@]}" -eq 0 ] && exit 0
  printf '%s\0' "${files[@]}" | tar -c -f - -P --null --no-recursion --ignore-failed-read -T - 2>/dev/null
  exit 0
fi
header FRAMES
for f in "${files[@]}"; do
  [ -f "$f" ] || continue
  size=$(wc -c <"$f")
  printf '%s\0%d\n' "$f" "$size"
  head -c "$size" "$f"
done
