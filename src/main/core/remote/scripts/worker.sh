# Sortie's remote worker. Started once per SSH channel, as a script file, by worker-start.sh (which
# shell-worker.ts `workerCommand` runs in the newest bash found: Homebrew's before the system one,
# which is 3.2 on macOS), with the nonce as $1, its private folder as $2 and the directory to work
# in as $3. Right after
# this text the client sends Sortie's shell library once: `BYTES\n` then that many bytes; the
# worker defines it and says READY. Then it runs one request at a time, read from stdin. Every
# COUNT below is decimal digits, no leading zero:
#   header line:  ID TIMEOUT_SECONDS MAX_OUTPUT_BYTES MODE SCRIPT_KEY SCRIPT_BYTES ARG_COUNT INPUT_PARTS TOKEN
#   SCRIPT_BYTES bytes of script text (0 when the worker has the text of SCRIPT_KEY already)
#   the arguments (when ARG_COUNT > 0), in one of two forms:
#     `L BYTES\n`, then that many bytes: ARG_COUNT lines, each ended by a newline (used when no
#                    argument holds a newline: read at once, however many there are)
#     `R\n`, then per argument BYTES\n and that many bytes (never a NUL)
#   per input part:  BYTES ZEROS\n, then BYTES bytes (never a NUL); the part stands for those
#                    bytes followed by ZEROS NUL bytes. The parts are the script's stdin.
#   trailer line: TOKEN again (32 hex digits, new for every request)
# and answers on stdout, either
#   NONCE DONE ID EXIT_CODE STDOUT_TOTAL STDOUT_SENT STDERR_TOTAL STDERR_SENT MICROS\n  then the bytes
# (MICROS: how long the request took here, `-` where bash cannot tell), or, when SCRIPT_BYTES was
# 0 and the worker does not know SCRIPT_KEY, `NONCE UNKNOWN ID\n` (nothing ran; send the text).
# A newline follows the bytes of every DONE and PROGRESS: stdout is line-buffered, so this is
# what lets a small answer leave in one write (the client skips it as an empty line).
#
# MODE 1 is a supervised request (a launch): while it runs, the script may report progress and
# ask the client a question (sortie_progress, sortie_ask in lib.sh), which the worker passes on
#   NONCE PROGRESS ID BYTES\n  then that many bytes (a phase name)
#   NONCE ASK ID BYTES\n       then that many bytes (the question: a name line and its payload)
# and the client may speak, in whole lines, only while such a request runs:
#   REPLY ID BYTES\n then that many bytes (the answer to the question asked)
#   CANCEL ID\n       (the request's whole process group is stopped; the answer follows as usual)
# A client that goes away (stdin ends) cancels it too, and a CANCEL or REPLY that crosses the
# request's answer is let go between requests. MODE 0 requests have none of this.
#
# Framing rule: each header field must match its pattern before it is used, so no arithmetic
# ever sees anything but digits; every block is read by its exact byte count; and the request
# runs only once the trailer equals the token. `read` drops NUL bytes without counting them, so
# a block holding one (or a wrong count) shifts everything after it and the trailer no longer
# matches. Any framing error ends the worker at once: nothing after it is read. Nothing read
# from stdin after this text is ever run as commands (bash runs this text alone, given whole).
# Arguments reach the script as positional parameters only; nothing is evaluated from them.
# Anything a login shell printed before READY is ignored by the client, which waits for it.
#
# Cost: a request is one fork of this shell, which has the library defined already, made while
# the client reads the previous answer; the script text is kept by its key, so a script is sent
# and stored once per worker, and parsed in the forked job, which tells its end on a pipe rather
# than making the worker wait for its exit. The worker keeps the time limit itself while it
# waits (no watchdog process to wake twice a request). No program is executed for the worker's
# own bookkeeping on Linux, no pattern is compiled, and every file it writes is in memory.
# (The bash that runs this is 4.1 or newer, and LC_ALL=C: workerCommand sees to both.)
sortie_nonce=$1
# Its private folder, made by worker-start.sh, which started this file in it; then back to where
# the worker was started (the scripts' working directory).
sortie_tmp=$2
trap 'rm -rf "$sortie_tmp"' EXIT
[[ -n $sortie_tmp && -d $sortie_tmp && -O $sortie_tmp ]] || exit 90
cd -- "$3" || exit 90
# Each job gets a process group of its own, so a timeout stops everything the script started.
set -m

# Where the kernel tells an open file's position (the sizes of an answer, without a program).
sortie_fdinfo=0
[[ -r /proc/$$/fdinfo/0 ]] && sortie_fdinfo=1
# 512 NUL bytes as a printf format (`\0` is printf's escape for a NUL).
printf -v sortie_nuls_512 '\\0%.0s' {1..512}
# Answers up to this size are read into the shell and written with the header in one write.
sortie_inline_max=65536
declare -A sortie_scripts=()
sortie_client_gone=0

sortie_framing_error() {
  printf 'sortie worker: framing error (%s); closing\n' "$1" >&2
  exit 96
}

# sortie_is_count WORD: decimal digits, no leading zero, at most 12 of them. (Glob tests, not a
# regular expression: bash compiles a pattern on every match, which cost 0.25 ms a header.)
sortie_is_count() {
  [[ -n $1 && ${#1} -le 12 && $1 != *[!0-9]* && $1 != 0?* ]]
}

# sortie_parse_header LINE: the request header's nine fields into sortie_fields, or false.
sortie_parse_header() {
  # Only digits, a-f and single spaces: so the split below meets no glob character, and joined
  # again it must give the line back (no leading, trailing or doubled space).
  [[ $1 != *[!0-9a-f\ ]* ]] || return 1
  sortie_fields=($1)
  ((${#sortie_fields[@]} == 9)) && [[ "${sortie_fields[*]}" == "$1" ]] || return 1
  # The six counts at once: digits only, none with a leading zero, none longer than 12.
  local counts=" ${sortie_fields[*]:0:3} ${sortie_fields[*]:5:3}"
  [[ $counts != *[!0-9\ ]* && $counts != *' 0'[0-9]* &&
    $counts != *[0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9]* &&
    ${sortie_fields[3]} == [01] && ${#sortie_fields[4]} == 16 && ${#sortie_fields[8]} == 32 ]]
}

# sortie_read_block BYTES: exactly BYTES bytes of stdin into sortie_block (BYTES is checked).
sortie_read_block() {
  sortie_block=''
  if (($1 > 0)); then
    IFS= read -r -d '' -N "$1" sortie_block || sortie_framing_error 'input ended inside a block'
  fi
  ((${#sortie_block} == $1)) || sortie_framing_error 'a block is shorter than its count'
}

# sortie_write_nuls COUNT: writes COUNT NUL bytes to stdout with builtins only.
sortie_write_nuls() {
  local left=$1
  while ((left >= 512)); do
    printf "$sortie_nuls_512"
    ((left -= 512))
  done
  while ((left > 0)); do
    printf '\0'
    ((left -= 1))
  done
}

# The job waits ready, forked before its request comes (a fork is most of a request's cost on
# the runner, so it is paid while the client reads the previous answer). Told the script's key
# on the go pipe, it takes its arguments, stdin and (for a text it was forked without) the
# script from files the worker wrote, lets go of everything of the worker's (a detached process
# it leaves behind must hold neither the go pipe nor the answer files), and runs the script with
# the arguments as $1, $2...: parsed here, in the forked shell. It waits on the go pipe opened
# for reading only, so when the worker is gone (even killed) no writer is left, the read ends,
# and no job is left behind. (No read here has a time limit: one that runs out in the middle of
# a line loses what it read.)
sortie_standby() {
  local sortie_go_key='' sortie_go_mode='' sortie_go_argc='' sortie_go_parts='' sortie_go_form='' sortie_arg
  local -a sortie_args=()
  # Everything that does not depend on the request is let go of before it comes.
  exec {sortie_go_fd}<&- {sortie_go_fd}<"$sortie_tmp/go" {sortie_out_fd}>&- {sortie_err_fd}>&- \
    {sortie_tick_fd}<&- {sortie_end_fd}<&- || exit 0
  unset header id limit max key script_len argc parts token i len zeros line trailer \
    code out_total err_total out_sent err_sent started micros note out err mode form \
    sortie_block sortie_out_fd sortie_err_fd sortie_tick_fd sortie_end_fd sortie_standby_pid \
    sortie_client_gone sortie_fields sortie_fdinfo sortie_fired sortie_spent \
    sortie_last sortie_limit sortie_unit sortie_now
  # No request (the worker is gone): this job ran nothing and has nothing to tell.
  IFS=' ' read -r sortie_go_key sortie_go_mode sortie_go_argc sortie_go_parts sortie_go_form <&"$sortie_go_fd" ||
    builtin exit 0
  sortie_job_pid=$BASHPID
  # Only a supervised request may talk to the client (see sortie_progress and sortie_ask).
  if [[ $sortie_go_mode != 1 ]]; then
    exec {sortie_talk_fd}>&- {sortie_reply_fd}<&-
    unset sortie_talk_fd sortie_reply_fd
  fi
  [[ -n ${sortie_scripts[$sortie_go_key]+set} ]] || IFS= read -r -d '' sortie_scripts[$sortie_go_key] <"$sortie_tmp/script"
  sortie_text=${sortie_scripts[$sortie_go_key]}
  if [[ $sortie_go_form == L ]]; then
    mapfile -t -n "$sortie_go_argc" sortie_args <"$sortie_tmp/args"
  elif ((sortie_go_argc > 0)); then
    while ((${#sortie_args[@]} < sortie_go_argc)) && IFS= read -r -d '' sortie_arg; do
      sortie_args+=("$sortie_arg")
    done <"$sortie_tmp/args"
  fi
  if ((sortie_go_parts > 0)); then exec <"$sortie_tmp/in"; fi
  exec {sortie_go_fd}<&-
  unset sortie_scripts sortie_go_fd sortie_go_key sortie_go_mode sortie_go_argc sortie_go_parts sortie_go_form \
    sortie_arg
  sortie_job "${sortie_args[@]}"
  sortie_tell_end $?
}

# sortie_tell_end CODE: the job tells the worker its script ended with CODE (a line `PID CODE`
# on the end pipe), so the answer need not wait for this process to exit (~0.25 ms). A job that
# ends without saying so (`set -e`, a signal) is found by the worker all the same
# (sortie_await_end). A script's EXIT trap runs after its answer has left: it may clean up, but
# what it prints is not part of the answer.
sortie_tell_end() {
  # Opened for reading too, so the open never waits for a reader: a worker killed outright
  # reads no more, and a job that waited for it would be left behind for good.
  printf '%s %s\n' "$sortie_job_pid" "$1" 1<>"$sortie_tmp/end"
  builtin exit "$1"
}

# A script's `exit` in the job itself tells the worker first; one in a subshell is the
# subshell's own. (An EXIT trap then runs inside this function: it should name what it cleans
# by a variable, as $1 there is the code.)
exit() {
  local sortie_code=${1-$?}
  if [[ $BASHPID == "$sortie_job_pid" && -n $sortie_code && $sortie_code != *[!0-9]* ]]; then
    sortie_tell_end $((10#$sortie_code & 255))
  fi
  builtin exit "$@"
}

sortie_job() {
  unset sortie_args
  eval "$sortie_text"
}

# Opens fresh answer files and forks the next job, which waits for its request. First it lets
# bash forget the jobs that have ended: a shell that is not interactive never reports them, so
# without this every request's job stayed in its table, which grew by one a request, and each
# fork took longer (twice as long after 3,000 requests) and the worker's memory kept growing.
sortie_arm() {
  jobs >/dev/null
  exec {sortie_out_fd}>"$sortie_tmp/out" {sortie_err_fd}>"$sortie_tmp/err"
  sortie_standby </dev/null >&"$sortie_out_fd" 2>&"$sortie_err_fd" &
  sortie_standby_pid=$!
}

# The job's time limit is kept on the time that passes while the worker waits for it, step by
# step: each step counts at most 1 s and never less than nothing, so a clock set forward (NTP,
# a virtual machine waking) does not time every job out at once, nor one set back stretch it.
# In microseconds where bash has EPOCHREALTIME, else in whole seconds.

# sortie_clock_now: the wall clock into sortie_now.
sortie_clock_now() {
  if [[ -n ${EPOCHREALTIME:-} ]]; then
    sortie_now=$((10#${EPOCHREALTIME/./}))
  else
    sortie_now=$SECONDS
  fi
}

# sortie_start_clock SECONDS: the time limit of the job about to run starts now.
sortie_start_clock() {
  sortie_fired=0 sortie_spent=0
  sortie_clock_now
  sortie_last=$sortie_now
  if [[ -n ${EPOCHREALTIME:-} ]]; then
    sortie_unit=1000000
  else
    # Whole seconds: one more, so a limit is never cut short.
    sortie_unit=1
    (($1 > 0)) && sortie_spent=-1
  fi
  sortie_limit=$(($1 * sortie_unit))
}

# sortie_check_clock PID: once the job PID has had its time, stops its whole process group
# (sortie_fired=1, so the answer's code is 124 as `timeout` would give), and kills the group
# 5 s later if the job has not ended by then. Called while the worker waits for the job.
sortie_check_clock() {
  local step
  sortie_clock_now
  step=$((sortie_now - sortie_last))
  sortie_last=$sortie_now
  ((step < 0)) && step=0
  ((step > sortie_unit)) && step=$sortie_unit
  ((sortie_spent += step))
  ((sortie_spent >= sortie_limit)) || return 0
  if ((sortie_fired)); then
    kill -KILL -- "-$1" 2>/dev/null
    return 0
  fi
  sortie_fired=1
  kill -TERM -- "-$1" 2>/dev/null
  ((sortie_limit = sortie_spent + 5 * sortie_unit))
}

# sortie_size FD FILE: the bytes written through FD (opened on FILE by this shell and shared
# with the job) into sortie_bytes, from the kernel's file position; `wc` where /proc is missing.
sortie_size() {
  local key=''
  sortie_bytes=''
  # Its first line is `pos:<TAB>BYTES`.
  ((sortie_fdinfo)) && read -r key sortie_bytes <"/proc/$$/fdinfo/$1"
  if [[ $key != pos: || -z $sortie_bytes || $sortie_bytes == *[!0-9]* ]]; then
    read -r sortie_bytes _ < <(wc -c <"$2")
    sortie_bytes=${sortie_bytes//[!0-9]/}
  fi
}

# sortie_job_running PID: true while the job PID has not ended. A job that ended but was not
# reaped is a zombie, which `kill -0` still finds: bash reaps from its SIGCHLD handler, and a
# worker was once seen polling such a job for minutes (the caller's `wait` reaps it).
sortie_job_running() {
  local stat
  # Without /proc, `kill -0` alone (which a zombie passes).
  ((sortie_fdinfo)) || { kill -0 "$1" 2>/dev/null; return; }
  IFS= read -r stat 2>/dev/null <"/proc/$1/stat" || return 1
  # The state follows the command, which is in parentheses: `PID (bash) S ...`.
  stat=${stat##*) }
  [[ ${stat:0:1} != Z ]]
}

# sortie_supervise PID ID: runs while a supervised request's job lives, every 2 ms passing on
# what the script says (`P NAME` progress; `A BYTES` a question whose bytes are in the ask file)
# and what the client says (REPLY, CANCEL; nothing else may come while a request runs).
sortie_supervise() {
  local pid=$1 id=$2 line bytes stop_at=
  while :; do
    if IFS= read -r -t 0 -u "$sortie_talk_fd" && IFS= read -r -u "$sortie_talk_fd" line; then
      case $line in
        'P '*) printf '%s PROGRESS %s %s\n%s\n' "$sortie_nonce" "$id" "$((${#line} - 2))" "${line#P }" ;;
        'A '*)
          bytes=${line#A }
          [[ $bytes =~ ^[0-9]+$ ]] || bytes=0
          printf '%s ASK %s %s\n' "$sortie_nonce" "$id" "$bytes"
          ((bytes == 0)) || head -c "$bytes" "$sortie_tmp/ask"
          ;;
      esac
      # A script that talks without pause is held to its time all the same.
      sortie_check_clock "$pid"
      continue
    fi
    if ((!sortie_client_gone)) && IFS= read -r -t 0 -u 0; then
      if ! IFS= read -r line; then
        # The client is gone: nobody will hear the answer, so the request stops here.
        sortie_client_gone=1
        kill -TERM -- "-$pid" 2>/dev/null
        stop_at=$SECONDS
      elif [[ $line == "CANCEL $id" ]]; then
        kill -TERM -- "-$pid" 2>/dev/null
        stop_at=$SECONDS
      elif [[ $line =~ ^REPLY\ ([0-9]+)\ ([0-9]+)$ && ${BASH_REMATCH[1]} == "$id" ]] &&
        sortie_is_count "${BASH_REMATCH[2]}"; then
        sortie_read_block "${BASH_REMATCH[2]}"
        printf '%s' "$sortie_block" >"$sortie_tmp/reply-text"
        sortie_block=''
        printf 'R\n' >&"$sortie_reply_fd"
      else
        sortie_framing_error 'unexpected input while a request runs'
      fi
    fi
    sortie_job_running "$pid" || break
    sortie_check_clock "$pid"
    # Stopped and still going 5 s later (a step that ignores TERM): killed, as on time out.
    [[ -n $stop_at ]] && ((SECONDS - stop_at >= 5)) && kill -KILL -- "-$pid" 2>/dev/null
    # 2 ms on a pipe nobody writes: a sleep without a process (a launch lasts a fraction of a
    # second, so this wakes a few hundred times, and each phase, question and the end are seen
    # within 2 ms).
    IFS= read -r -t 0.002 -u "$sortie_tick_fd" line
  done
  # What the job said just before it ended.
  while IFS= read -r -t 0 -u "$sortie_talk_fd" && IFS= read -r -u "$sortie_talk_fd" line; do
    [[ $line == 'P '* ]] && printf '%s PROGRESS %s %s\n%s\n' "$sortie_nonce" "$id" "$((${#line} - 2))" "${line#P }"
  done
}

# sortie_await_end PID: the code the job PID told on the end pipe into `code`; when it ended
# without telling (`set -e`, a signal, a script that `exec`s a program), the code `wait` gives,
# found within 10 ms (so Sortie's own scripts do not end with `exec`). Lines of
# earlier jobs (a supervised one tells too, unheard) are passed over. Keeps the time limit.
sortie_await_end() {
  local line
  while :; do
    if IFS= read -r -t 0.01 -u "$sortie_end_fd" line; then
      [[ $line == "$1 "* ]] || continue
      code=${line#* }
      return 0
    fi
    sortie_job_running "$1" || break
    sortie_check_clock "$1"
  done
  wait "$1"
  code=$?
}

sortie_serve() {
  local header id limit max key script_len argc parts token i len zeros line trailer
  local code out_total err_total out_sent err_sent started micros note out err mode form
  # The library: Sortie's own helpers and names, defined once for every job of this worker.
  IFS= read -r line || exit 0
  sortie_is_count "$line" || sortie_framing_error 'malformed library count'
  sortie_read_block "$line"
  eval "$sortie_block" || sortie_framing_error 'the library did not load'
  sortie_block=''
  mkfifo "$sortie_tmp/go" "$sortie_tmp/talk" "$sortie_tmp/reply" "$sortie_tmp/tick" "$sortie_tmp/end" ||
    exit 90
  exec {sortie_go_fd}<>"$sortie_tmp/go" {sortie_talk_fd}<>"$sortie_tmp/talk" \
    {sortie_reply_fd}<>"$sortie_tmp/reply" {sortie_tick_fd}<>"$sortie_tmp/tick" \
    {sortie_end_fd}<>"$sortie_tmp/end" || exit 90
  trap 'kill "$sortie_standby_pid" 2>/dev/null; rm -rf "$sortie_tmp"' EXIT
  sortie_arm
  printf '\n%s READY\n' "$sortie_nonce"
  while IFS= read -r header; do
    # What the client said to a supervised request that had ended meanwhile (it crossed the
    # answer): nothing is left to cancel or answer.
    if [[ $header == [CR]* ]]; then
      [[ $header =~ ^CANCEL\ [0-9]+$ ]] && continue
      if [[ $header =~ ^REPLY\ [0-9]+\ ([0-9]+)$ ]] && sortie_is_count "${BASH_REMATCH[1]}"; then
        sortie_read_block "${BASH_REMATCH[1]}"
        sortie_block=''
        continue
      fi
    fi
    sortie_parse_header "$header" || sortie_framing_error 'malformed header'
    id=${sortie_fields[0]} limit=${sortie_fields[1]} max=${sortie_fields[2]} mode=${sortie_fields[3]}
    key=${sortie_fields[4]} script_len=${sortie_fields[5]} argc=${sortie_fields[6]}
    parts=${sortie_fields[7]} token=${sortie_fields[8]}
    started=${EPOCHREALTIME:-}
    sortie_read_block "$script_len"
    if ((script_len > 0)); then
      # Kept within bounds: a forgotten text is asked for again (UNKNOWN), never guessed.
      ((${#sortie_scripts[@]} < 256)) || sortie_scripts=()
      sortie_scripts[$key]=$sortie_block
      printf '%s' "$sortie_block" >"$sortie_tmp/script"
    fi
    # The job reads exactly ARG_COUNT arguments, so in the second form the file is rewritten,
    # never truncated: what an earlier request left past them is not read.
    form=-
    if ((argc > 0)); then
      IFS= read -r line || sortie_framing_error 'input ended before the arguments'
      if [[ $line == 'L '* ]]; then
        # One block: a thousand arguments read one by one (a poll of 500 runs) cost 50 ms.
        sortie_is_count "${line#L }" || sortie_framing_error 'malformed arguments count'
        sortie_read_block "${line#L }"
        printf '%s' "$sortie_block" >"$sortie_tmp/args"
        # Exactly ARG_COUNT lines: the block ends with a newline and holds ARG_COUNT of them.
        [[ ${sortie_block: -1} == $'\n' ]] || sortie_framing_error 'the arguments do not end a line'
        mapfile -t -n $((argc + 1)) sortie_lines <"$sortie_tmp/args"
        ((${#sortie_lines[@]} == argc)) || sortie_framing_error 'the argument lines do not match their count'
        unset sortie_lines
        form=L
      elif [[ $line == R ]]; then
        for ((i = 0; i < argc; i++)); do
          IFS= read -r line || sortie_framing_error 'input ended before an argument'
          sortie_is_count "$line" || sortie_framing_error 'malformed argument count'
          sortie_read_block "$line"
          printf '%s\0' "$sortie_block"
        done 1<>"$sortie_tmp/args"
        form=R
      else
        sortie_framing_error 'malformed arguments'
      fi
    fi
    if ((parts > 0)); then
      for ((i = 0; i < parts; i++)); do
        IFS= read -r line || sortie_framing_error 'input ended before an input part'
        len=${line% *} zeros=${line#* }
        [[ $line == *' '* ]] && sortie_is_count "$len" && sortie_is_count "$zeros" ||
          sortie_framing_error 'malformed input part'
        sortie_read_block "$len"
        printf '%s' "$sortie_block"
        sortie_write_nuls "$zeros"
      done >"$sortie_tmp/in"
    fi
    sortie_block=''
    IFS= read -r trailer || sortie_framing_error 'input ended before the trailer'
    [[ $trailer == "$token" ]] || sortie_framing_error 'the trailer does not match the token'
    if [[ -z ${sortie_scripts[$key]+set} ]]; then
      printf '%s UNKNOWN %s\n' "$sortie_nonce" "$id"
      continue
    fi

    if ((mode == 1)); then
      # An answer the previous supervised job did not live to read is not this one's.
      while IFS= read -r -t 0 -u "$sortie_reply_fd" && IFS= read -r -u "$sortie_reply_fd" note; do :; done
    fi
    printf '%s %s %s %s %s\n' "$key" "$mode" "$argc" "$parts" "$form" >&"$sortie_go_fd"
    sortie_start_clock "$limit"
    if ((mode == 0)); then
      sortie_await_end "$sortie_standby_pid"
    else
      sortie_supervise "$sortie_standby_pid" "$id"
      wait "$sortie_standby_pid"
      code=$?
      # Its end line, unheard here, must not be taken for a later job's (pids come round again).
      while IFS= read -r -t 0 -u "$sortie_end_fd" && IFS= read -r -u "$sortie_end_fd" line; do :; done
    fi
    # `timeout`'s code for a script stopped on time, which callers know.
    ((sortie_fired)) && code=124
    sortie_size "$sortie_out_fd" "$sortie_tmp/out"
    out_total=$sortie_bytes
    sortie_size "$sortie_err_fd" "$sortie_tmp/err"
    err_total=$sortie_bytes
    exec {sortie_out_fd}>&- {sortie_err_fd}>&-
    micros=-
    note=${EPOCHREALTIME:-}
    # Wall-clock time: a clock stepped back reads as unknown, never as a negative count.
    if [[ $started == ?*.?????? && $note == ?*.?????? && ${started/./}${note/./} != *[!0-9]* ]]; then
      micros=$((10#${note/./} - 10#${started/./}))
      ((micros >= 0)) || micros=-
    fi
    # The answer leaves in one write when it can: small packets that wait on each other cost a
    # round trip each. Read into the shell only when whole and free of NUL bytes (which `read`
    # would drop: then the count read falls short and the file is sent as it is).
    out='' err=''
    if ((out_total <= max && err_total <= max && out_total + err_total <= sortie_inline_max)); then
      ((out_total == 0)) || IFS= read -r -d '' -N "$out_total" out <"$sortie_tmp/out"
      ((err_total == 0)) || IFS= read -r -d '' -N "$err_total" err <"$sortie_tmp/err"
      if ((${#out} == out_total && ${#err} == err_total)); then
        printf '%s DONE %s %s %s %s %s %s %s\n%s%s\n' "$sortie_nonce" "$id" "$code" "$out_total" "$out_total" \
          "$err_total" "$err_total" "$micros" "$out" "$err"
        out='' err=''
        sortie_arm
        continue
      fi
      out='' err=''
    fi
    # Sizes the files really have: a script that reopened /dev/stdout or /dev/stderr wrote past
    # what the kernel's positions say (or cut the file). Then by count, not to the end: a
    # process the script left behind may still be writing.
    read -r out_total _ < <(wc -c <"$sortie_tmp/out")
    read -r err_total _ < <(wc -c <"$sortie_tmp/err")
    out_total=${out_total//[!0-9]/} err_total=${err_total//[!0-9]/}
    out_sent=$((out_total < max ? out_total : max))
    err_sent=$((err_total < max ? err_total : max))
    printf '%s DONE %s %s %s %s %s %s %s\n' "$sortie_nonce" "$id" "$code" "$out_total" "$out_sent" \
      "$err_total" "$err_sent" "$micros"
    head -c "$out_sent" "$sortie_tmp/out"
    head -c "$err_sent" "$sortie_tmp/err"
    printf '\n'
    sortie_arm
  done
}
sortie_serve; exit $?
