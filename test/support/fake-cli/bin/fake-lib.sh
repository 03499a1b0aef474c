# Helpers shared by the fake gh, codex and claude (sourced, never run). Pure bash plus coreutils,
# git, sed and awk: test runners need not have jq or python.

# The JSON string literal of $1 (fj_v: in J). Control characters other than \n \r \t are dropped.
fj_v() {
  local s=$1
  s=${s//\\/\\\\}
  s=${s//\"/\\\"}
  s=${s//$'\n'/\\n}
  s=${s//$'\r'/\\r}
  s=${s//$'\t'/\\t}
  if [[ $s == *[$'\001'-$'\037']* ]]; then
    s=$(LC_ALL=C tr -d '\001-\037' <<<"$s")
  fi
  J="\"$s\""
}
fj() {
  fj_v "$1"
  printf '%s' "$J"
}

# The text of a JSON string literal as fj writes it; `null` becomes ''.
fj_text() {
  local s=$1
  [ "$s" = null ] && return 0
  s=${s#\"}
  s=${s%\"}
  s=${s//\\\\/$'\001'}
  s=${s//\\\"/\"}
  s=${s//\\n/$'\n'}
  s=${s//\\r/$'\r'}
  s=${s//\\t/$'\t'}
  s=${s//$'\001'/\\}
  printf '%s' "$s"
}

fake_now() { date -u +%Y-%m-%dT%H:%M:%S.000Z; }

# A random id of N hex digits (default 8). fake_hex_v and fake_uuid_v set HEX and UUID instead
# of printing: events are written often, and every $(...) costs a fork.
fake_hex_v() {
  local n=${1:-8} part
  HEX=''
  while [ "${#HEX}" -lt "$n" ]; do
    printf -v part '%04x' "$((RANDOM * 2 + RANDOM % 2))"
    HEX+=$part
  done
  HEX=${HEX:0:n}
}
fake_hex() {
  fake_hex_v "$@"
  printf '%s' "$HEX"
}
fake_uuid_v() {
  local a b c d
  fake_hex_v 8; a=$HEX
  fake_hex_v 4; b=$HEX
  fake_hex_v 3; c=$HEX
  fake_hex_v 3; d=$HEX
  fake_hex_v 12
  UUID="$a-$b-4$c-a$d-$HEX"
}
fake_uuid() {
  fake_uuid_v
  printf '%s' "$UUID"
}

# Runs a command after taking the lock directory $1 (created atomically), releasing it after.
with_lock() {
  local lock=$1 tries=0 code=0
  shift
  until mkdir "$lock" 2>/dev/null; do
    tries=$((tries + 1))
    [ "$tries" -gt 200 ] && { echo "fake: could not take the lock $lock" >&2; return 1; }
    sleep 0.05
  done
  "$@" || code=$?
  rmdir "$lock"
  return "$code"
}
