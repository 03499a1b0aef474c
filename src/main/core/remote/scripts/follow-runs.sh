# follow-runs: the follower. Started once per connection by shell-worker.ts `workerCommand` (a
# bash that runs this text, read by its byte count, with the nonce as $1), on an exec channel of
# its own (never a login shell), it pushes what the active runs write while
# they write it, so output reaches Sortie without waiting for a poll. Polls stay the check of truth.
#
# It says `\nNONCE READY\n` first (anything a chatty login shell printed before is ignored by the
# client), then reads messages from stdin, one header line each, every number decimal digits:
#   L CAP FRAME            limits: keep only the newest CAP bytes of output that is waiting
#                          (skip the rest, from a line boundary); at most FRAME bytes a frame
#   R KEY OFFSET BYTES\n   then BYTES bytes: the run directory to follow as KEY, from byte OFFSET
#                          of its events file (replacing what KEY was)
#   D KEY                  stop following KEY
# and writes frames on stdout, each a header line and then exactly its byte count of data, so no
# output can ever be taken for a frame:
#   E KEY OFFSET COUNT AGE\n  then COUNT bytes of the events file starting at OFFSET; AGE: how many
#                          ms before it was read the file was last written (0: just now, for what
#                          is read as it is written; the real age for what waited when it opened)
#   X KEY FROM TO\n        the bytes FROM..TO were skipped (more than CAP was waiting)
#   S KEY COUNT\n          then COUNT bytes: the status file's first line changed to this
#   R KEY\n                the result file appeared
# Any malformed message ends the follower (exit 96); Sortie starts a new one.
#
# Cost: no process per tick. The events files are kept open and read with `read` (bytes: LC_ALL=C)
# from where the last read ended; the wait between ticks is `read -t` on stdin, so a message from
# Sortie ends it at once. `read` cannot hold a NUL byte: reading with NUL as the delimiter stops at
# one and consumes it, so each read is its bytes plus that NUL, counted and sent exactly (JSONL has
# none; nothing shifts if one appears). Programs run only to open a file at an offset (dd seeks)
# and, when more than a frame is waiting, to look at the file's size for a skip.
export LC_ALL=C
# The text this runs in, as workerCommand read it: not needed any more.
unset sortie_boot_text
sortie_follow_nonce=$1
sortie_follow_tick=0.02

sortie_follow_fail() {
  printf 'sortie follower: %s; closing\n' "$1" >&2
  exit 96
}

# sortie_follow_size FILE: sets sortie_size to the file's size in bytes ('' when unknown).
sortie_follow_size() {
  sortie_size=$(wc -c <"$1" 2>/dev/null)
  sortie_size=${sortie_size//[!0-9]/}
}

# sortie_follow_age FILE: sets sortie_age to how long ago FILE was last written, in ms ('0' when
# that cannot be told): output that waited for the follower keeps the time it was written.
sortie_follow_age() {
  local at fraction now
  sortie_age=0
  at=$(find "$1" -maxdepth 0 -printf '%T@' 2>/dev/null) || at=''
  [ -n "$at" ] || at=$(stat -f %m "$1" 2>/dev/null) || at=''
  fraction=${at#*.}
  [ "$fraction" = "$at" ] && fraction=''
  fraction="${fraction}000" fraction=${fraction:0:3} at=${at%%.*}
  now=${EPOCHREALTIME:-}
  now=${now//[!0-9]/}
  if [ "${#now}" -gt 6 ]; then now=${now:0:${#now}-3}; else now=$(date +%s%3N 2>/dev/null); fi
  case $at$fraction$now in '' | *[!0-9]*) return 0 ;; esac
  at=$((10#$at * 1000 + 10#$fraction))
  ((now > at)) && sortie_age=$((now - at))
  return 0
}

# sortie_follow_open KEY: opens KEY's events file at its offset, first skipping to the newest
# CAP bytes (from the start of a line) when more than CAP is waiting there.
sortie_follow_open() {
  local key=$1 file="${follow_dirs[$1]}/$sortie_file_events" fd
  [ -f "$file" ] || return 1
  exec {fd}<"$file" || return 1
  follow_fds[key]=$fd
  sortie_follow_age "$file"
  follow_ages[key]=$sortie_age
  sortie_follow_skip "$key" "$file" || sortie_follow_seek "$key" "${follow_offsets[key]}"
}

# sortie_follow_seek KEY OFFSET: moves KEY's open events file to OFFSET (dd seeks the shared fd).
sortie_follow_seek() {
  local fd=${follow_fds[$1]}
  [ "$2" = 0 ] && return 0
  dd bs=1 skip="$2" count=0 <&"$fd" >/dev/null 2>&1 && return 0
  # Without a seeking dd: read through (slower, still exact).
  head -c "$2" <&"$fd" >/dev/null
}

# sortie_follow_skip KEY FILE: when more than CAP bytes wait after KEY's offset, moves to the
# first line starting in the newest CAP bytes, says so (X frame) and succeeds; fails otherwise.
sortie_follow_skip() {
  local key=$1 file=$2 from=${follow_offsets[$1]} start line to fd
  sortie_follow_size "$file"
  [ -n "$sortie_size" ] || return 1
  ((sortie_size - from > follow_cap)) || return 1
  start=$((sortie_size - follow_cap))
  # The bytes up to and including the first newline at or after start.
  line=$(tail -c "+$((start + 1))" -- "$file" 2>/dev/null | head -n 1 | wc -c)
  line=${line//[!0-9]/}
  to=$start
  [ -n "$line" ] && ((line < follow_cap)) && to=$((start + line))
  fd=${follow_fds[key]}
  exec {fd}<&-
  exec {fd}<"$file" || return 1
  follow_fds[key]=$fd
  sortie_follow_seek "$key" "$to"
  follow_offsets[key]=$to
  printf 'X %s %s %s\n' "$key" "$from" "$to"
  return 0
}

# sortie_follow_drop KEY: forgets KEY and closes its file.
sortie_follow_drop() {
  local fd=${follow_fds[$1]:-}
  [ -n "$fd" ] && exec {fd}<&-
  unset 'follow_dirs[$1]' 'follow_offsets[$1]' 'follow_fds[$1]' 'follow_status[$1]' 'follow_result[$1]' \
    'follow_ages[$1]'
}

# sortie_follow_message KIND: reads the rest of a message from Sortie whose first byte (its kind)
# was read, and applies it.
sortie_follow_message() {
  local kind=$1 key offset bytes dir rest
  read -r key offset bytes rest || sortie_follow_fail 'input ended inside a message'
  case $kind in
    L)
      sortie_digits "$key" && sortie_digits "$offset" && [ -z "$bytes$rest" ] || sortie_follow_fail 'bad limits'
      ((${#key} < 12 && ${#offset} < 12 && 10#$key > 0 && 10#$offset > 0)) || sortie_follow_fail 'bad limits'
      follow_cap=$((10#$key)) follow_frame=$((10#$offset))
      ;;
    R)
      sortie_digits "$key" && sortie_digits "$offset" && sortie_digits "$bytes" && [ -z "$rest" ] ||
        sortie_follow_fail 'bad run header'
      ((${#key} < 10 && ${#offset} < 16 && ${#bytes} < 6)) || sortie_follow_fail 'bad run header'
      dir=''
      if ((10#$bytes > 0)); then
        IFS= read -r -d '' -N "$((10#$bytes))" dir || sortie_follow_fail 'input ended inside a run directory'
      fi
      ((${#dir} == 10#$bytes)) || sortie_follow_fail 'a run directory with a NUL byte'
      key=$((10#$key))
      sortie_follow_drop "$key"
      sortie_expand "$dir"
      follow_dirs[key]=$sortie_expanded
      follow_offsets[key]=$((10#$offset))
      follow_status[key]=''
      follow_result[key]=0
      ;;
    D)
      sortie_digits "$key" && [ -z "$offset$bytes$rest" ] && ((${#key} < 10)) || sortie_follow_fail 'bad drop'
      sortie_follow_drop "$((10#$key))"
      ;;
    *) sortie_follow_fail 'unknown message' ;;
  esac
}

# sortie_follow_events KEY [READ]: sends what KEY's events file has after its offset, a frame at a
# time; with READ, the first read was made already (into follow_chunk, its status follow_read).
sortie_follow_events() {
  local key=$1 first=${2:-} fd chunk status nul frames=0
  if [ -z "${follow_fds[key]:-}" ]; then
    sortie_follow_open "$key" || return 0
  fi
  fd=${follow_fds[key]}
  for (( ; ; )); do
    if [ -n "$first" ]; then
      chunk=$follow_chunk status=$follow_read first=''
    else
      IFS= read -r -d '' -n "$follow_frame" -u "$fd" chunk
      status=$?
    fi
    # Status 0 short of a full frame: read stopped at a NUL and consumed it.
    nul=0
    ((status == 0 && ${#chunk} < follow_frame)) && nul=1
    ((${#chunk} + nul > 0)) || break
    printf 'E %s %s %s %s\n%s' "$key" "${follow_offsets[key]}" "$((${#chunk} + nul))" "${follow_ages[key]:-0}" "$chunk"
    ((nul)) && printf '\0'
    follow_offsets[key]=$((follow_offsets[key] + ${#chunk} + nul))
    # Less than a frame: that was all there is for now.
    ((${#chunk} + nul < follow_frame)) && break
    # More is waiting: every so often, look whether so much that the rest is skipped.
    frames=$((frames + 1))
    if ((frames % 8 == 0)); then
      sortie_follow_skip "$key" "${follow_dirs[key]}/$sortie_file_events"
      fd=${follow_fds[key]}
    fi
  done
  # What comes later is read as it is written.
  follow_ages[key]=0
}

# sortie_follow_state KEY: says when the status file's first line changes or the result appears.
sortie_follow_state() {
  local key=$1 dir=${follow_dirs[$1]} line=''
  [ -f "$dir/$sortie_file_status" ] && IFS= read -r line <"$dir/$sortie_file_status"
  line=${line:0:200}
  if [ "$line" != "${follow_status[key]}" ]; then
    follow_status[key]=$line
    printf 'S %s %s\n%s' "$key" "${#line}" "$line"
  fi
  if [ "${follow_result[key]}" = 0 ] && [ -s "$dir/$sortie_file_result" ]; then
    follow_result[key]=1
    printf 'R %s\n' "$key"
  fi
}

sortie_follow() {
  declare -a follow_dirs=() follow_offsets=() follow_fds=() follow_status=() follow_result=() follow_ages=()
  follow_cap=5242880 follow_frame=65536
  local first key fd tick=0
  if [ -z "${BASH_VERSINFO:-}" ] || [ "${BASH_VERSINFO[0]}" -lt 4 ]; then
    echo "Sortie needs bash 4 or newer on the runner" >&2
    exit 95
  fi
  printf '\n%s READY\n' "$sortie_follow_nonce"
  for (( ; ; )); do
    # State files every fifth tick (a poll reads them too), events every tick.
    tick=$(((tick + 1) % 5))
    for key in "${!follow_dirs[@]}"; do
      # Status first: the output written before a final status is sent in the same tick.
      ((tick == 0)) && sortie_follow_state "$key"
      fd=${follow_fds[key]:-}
      if [ -n "$fd" ]; then
        # The usual tick, nothing new: one read and on, no function called.
        IFS= read -r -d '' -n "$follow_frame" -u "$fd" follow_chunk
        follow_read=$?
        ((follow_read != 0)) && [ -z "$follow_chunk" ] && continue
        sortie_follow_events "$key" read
      else
        sortie_follow_events "$key"
      fi
    done
    # The wait between ticks; a message from Sortie ends it at once (the rest of its header line
    # is read without a time limit: Sortie writes a message in one piece).
    first=''
    if IFS= read -r -t "$sortie_follow_tick" -n 1 first; then
      [ -z "$first" ] && continue
      sortie_follow_message "$first"
    elif (($? <= 128)); then
      exit 0 # stdin closed: Sortie is gone
    fi
  done
}

sortie_follow; exit 96
