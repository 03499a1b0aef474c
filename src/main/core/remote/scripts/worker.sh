# Sortie's remote worker. Started once per SSH channel as `bash --noprofile --norc -s -- NONCE`
# (the newest bash found: Homebrew's before the system one, which is 3.2 on macOS);
# then runs one request at a time, read from stdin:
#   header line:  ID TIMEOUT_SECONDS MAX_OUTPUT_BYTES SCRIPT_BYTES ARG_COUNT
#   SCRIPT_BYTES bytes of script text, then per argument:  BYTES\n followed by that many bytes
# and answers on stdout:
#   NONCE DONE ID EXIT_CODE STDOUT_TOTAL STDOUT_SENT STDERR_TOTAL STDERR_SENT\n  then the bytes
# Arguments reach the script as positional parameters only; nothing is ever evaluated from them.
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

sortie_serve() {
  local id limit max script_len argc i len arg code out_total err_total out_sent err_sent
  local -a args
  printf '\n%s READY\n' "$sortie_nonce"
  while IFS=' ' read -r id limit max script_len argc; do
    IFS= read -r -d '' -N "$script_len" script || return 91
    args=()
    for ((i = 0; i < argc; i++)); do
      IFS= read -r len || return 92
      arg=''
      if ((len > 0)); then IFS= read -r -d '' -N "$len" arg || return 93; fi
      args+=("$arg")
    done
    if ((sortie_has_timeout)); then
      timeout -k 5 "$limit" bash -c "$script" sortie "${args[@]}" </dev/null >"$sortie_tmp/out" 2>"$sortie_tmp/err"
    else
      bash -c "$script" sortie "${args[@]}" </dev/null >"$sortie_tmp/out" 2>"$sortie_tmp/err"
    fi
    code=$?
    # Arithmetic drops the padding BSD wc puts in front of its number.
    out_total=$(($(wc -c <"$sortie_tmp/out")))
    err_total=$(($(wc -c <"$sortie_tmp/err")))
    out_sent=$((out_total < max ? out_total : max))
    err_sent=$((err_total < max ? err_total : max))
    printf '%s DONE %s %s %s %s %s %s\n' "$sortie_nonce" "$id" "$code" "$out_total" "$out_sent" "$err_total" "$err_sent"
    head -c "$out_sent" "$sortie_tmp/out"
    head -c "$err_sent" "$sortie_tmp/err"
  done
}
sortie_serve
