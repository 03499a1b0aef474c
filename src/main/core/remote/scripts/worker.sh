# Sortie's remote worker. Started once per SSH channel as `bash --noprofile --norc -s -- NONCE`
# (the newest bash found: Homebrew's before the system one, which is 3.2 on macOS); then runs
# one request at a time, read from stdin. Every COUNT below is decimal digits, no leading zero:
#   header line:  ID TIMEOUT_SECONDS MAX_OUTPUT_BYTES SCRIPT_BYTES ARG_COUNT INPUT_PARTS TOKEN
#   SCRIPT_BYTES bytes of script text
#   per argument:    BYTES\n, then that many bytes (never a NUL)
#   per input part:  BYTES ZEROS\n, then BYTES bytes (never a NUL); the part stands for those
#                    bytes followed by ZEROS NUL bytes. The parts are the script's stdin.
#   trailer line: TOKEN again (32 hex digits, new for every request)
# and answers on stdout:
#   NONCE DONE ID EXIT_CODE STDOUT_TOTAL STDOUT_SENT STDERR_TOTAL STDERR_SENT\n  then the bytes
#
# Framing rule: each header field must match its pattern before it is used, so no arithmetic
# ever sees anything but digits; every block is read by its exact byte count; and the request
# runs only once the trailer equals the token. `read` drops NUL bytes without counting them, so
# a block holding one (or a wrong count) shifts everything after it and the trailer no longer
# matches. Any framing error ends the worker at once: nothing after it is read, and since the
# last line of this script is `sortie_serve; exit`, bash -s never reads stdin as commands.
# Arguments reach the script as positional parameters only; nothing is evaluated from them.
# Anything a login shell printed before READY is ignored by the client, which waits for it.
export LC_ALL=C
sortie_nonce=$1
if [ -z "${BASH_VERSINFO:-}" ] || [ "${BASH_VERSINFO[0]}" -lt 4 ]; then
  echo "Sortie needs bash 4 or newer on the runner; this is bash ${BASH_VERSION:-unknown}. On macOS: brew install bash." >&2
  exit 95
fi
sortie_tmp=$(mktemp -d "${TMPDIR:-/tmp}/sortie-worker.XXXXXXXX") || exit 90
trap 'rm -rf "$sortie_tmp"' EXIT
if command -v timeout >/dev/null 2>&1; then sortie_has_timeout=1; else sortie_has_timeout=0; fi

sortie_count='(0|[1-9][0-9]{0,11})'
sortie_header_pattern="^$sortie_count $sortie_count $sortie_count $sortie_count $sortie_count $sortie_count ([0-9a-f]{32})\$"
sortie_arg_pattern="^$sortie_count\$"
sortie_part_pattern="^$sortie_count $sortie_count\$"
# 512 NUL bytes as a printf format (`\0` is printf's escape for a NUL).
sortie_nuls_512=$(printf '\\0%.0s' {1..512})
# Put in front of each script: it takes the positional parameters from the file named by $1,
# one NUL-terminated argument each, so no argument has to fit the kernel's limit for argv.
sortie_load_args='sortie_args=(); while IFS= read -r -d "" sortie_arg; do sortie_args+=("$sortie_arg"); done <"$1"; set -- "${sortie_args[@]}"; unset sortie_args sortie_arg
'

sortie_framing_error() {
  printf 'sortie worker: framing error (%s); closing\n' "$1" >&2
  exit 96
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

sortie_serve() {
  local header id limit max script_len argc parts token i len zeros line trailer script
  local code out_total err_total out_sent err_sent
  printf '\n%s READY\n' "$sortie_nonce"
  while IFS= read -r header; do
    [[ $header =~ $sortie_header_pattern ]] || sortie_framing_error 'malformed header'
    id=${BASH_REMATCH[1]} limit=${BASH_REMATCH[2]} max=${BASH_REMATCH[3]}
    script_len=${BASH_REMATCH[4]} argc=${BASH_REMATCH[5]} parts=${BASH_REMATCH[6]}
    token=${BASH_REMATCH[7]}
    sortie_read_block "$script_len"
    script=$sortie_block
    for ((i = 0; i < argc; i++)); do
      IFS= read -r line || sortie_framing_error 'input ended before an argument'
      [[ $line =~ $sortie_arg_pattern ]] || sortie_framing_error 'malformed argument count'
      sortie_read_block "$line"
      printf '%s\0' "$sortie_block"
    done >"$sortie_tmp/args"
    for ((i = 0; i < parts; i++)); do
      IFS= read -r line || sortie_framing_error 'input ended before an input part'
      [[ $line =~ $sortie_part_pattern ]] || sortie_framing_error 'malformed input part'
      len=${BASH_REMATCH[1]} zeros=${BASH_REMATCH[2]}
      sortie_read_block "$len"
      printf '%s' "$sortie_block"
      sortie_write_nuls "$zeros"
    done >"$sortie_tmp/in"
    sortie_block=''
    IFS= read -r trailer || sortie_framing_error 'input ended before the trailer'
    [[ $trailer == "$token" ]] || sortie_framing_error 'the trailer does not match the token'

    if ((sortie_has_timeout)); then
      timeout -k 5 "$limit" bash -c "$sortie_load_args$script" sortie "$sortie_tmp/args" \
        <"$sortie_tmp/in" >"$sortie_tmp/out" 2>"$sortie_tmp/err"
    else
      bash -c "$sortie_load_args$script" sortie "$sortie_tmp/args" \
        <"$sortie_tmp/in" >"$sortie_tmp/out" 2>"$sortie_tmp/err"
    fi
    code=$?
    # Both sizes from one wc (its lines: OUT, ERR, total); only the digits, as BSD wc pads them.
    { read -r out_total _ && read -r err_total _; } < <(wc -c "$sortie_tmp/out" "$sortie_tmp/err")
    out_total=${out_total//[!0-9]/} err_total=${err_total//[!0-9]/}
    out_sent=$((out_total < max ? out_total : max))
    err_sent=$((err_total < max ? err_total : max))
    # The answer leaves in as few writes as it can: small packets that wait on each other cost
    # a round trip each.
    printf '%s DONE %s %s %s %s %s %s\n' "$sortie_nonce" "$id" "$code" "$out_total" "$out_sent" "$err_total" "$err_sent" >"$sortie_tmp/head"
    if ((out_sent == out_total && err_sent == err_total)); then
      cat "$sortie_tmp/head" "$sortie_tmp/out" "$sortie_tmp/err"
    else
      cat "$sortie_tmp/head"
      head -c "$out_sent" "$sortie_tmp/out"
      head -c "$err_sent" "$sortie_tmp/err"
    fi
  done
}
sortie_serve; exit $?
