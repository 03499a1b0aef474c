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

# The text of a JSON string literal (as fj or any JSON writer makes it); `null` becomes ''.
fj_text() {
  local s=$1 head code char
  [ "$s" = null ] && return 0
  s=${s#\"}
  s=${s%\"}
  # An escaped backslash is set aside first, so that `\\n` stays a backslash and an n.
  s=${s//\\\\/$'\001'}
  s=${s//\\\"/\"}
  s=${s//\\\//\/}
  s=${s//\\n/$'\n'}
  s=${s//\\r/$'\r'}
  s=${s//\\t/$'\t'}
  s=${s//\\b/}
  s=${s//\\f/}
  # \uXXXX, as other JSON writers (JSON.stringify, jq) may escape characters.
  while [[ $s =~ \\u([0-9a-fA-F]{4}) ]]; do
    code=${BASH_REMATCH[1]}
    head=${s%%"\\u$code"*}
    printf -v char "\\u$code"
    # A locale that cannot show the character leaves the escape as it was: use ? instead.
    [ "$char" = "\\u$code" ] && char='?'
    s=$head$char${s#"$head\\u$code"}
  done
  s=${s//$'\001'/\\}
  printf '%s' "$s"
}

# Flattens the JSON document on stdin into lines `PATH<TAB>LITERAL`, one per scalar (and per
# empty object or array), with jq-style paths: `.body`, `.comments[0].line`, `.[2].id`. A
# literal is the JSON text of the value (strings keep their quotes and escapes; fj_text reads
# them). Exits 1 on text that is not JSON. Runners need not have jq, hence awk.
FAKE_JSON_AWK='
function fail(why) { printf "invalid JSON at character %d: %s\n", pos, why > "/dev/stderr"; bad = 1; exit 1 }
function skip(   c) {
  while (pos <= n) {
    c = substr(s, pos, 1)
    if (c == " " || c == "\t" || c == "\n" || c == "\r") pos++; else break
  }
}
function emit(path, literal) { printf "%s\t%s\n", (path == "" ? "." : path), literal }
function str(   start, c) {
  start = pos
  if (substr(s, pos, 1) != "\"") fail("expected a string")
  pos++
  while (pos <= n) {
    c = substr(s, pos, 1)
    if (c == "\\") pos += 2
    else if (c == "\"") { pos++; return substr(s, start, pos - start) }
    else pos++
  }
  fail("unterminated string")
}
function keypath(path, key,   inner) {
  inner = substr(key, 2, length(key) - 2)
  if (inner ~ /^[A-Za-z_][A-Za-z0-9_]*$/) return path "." inner
  return (path == "" ? "." : path) "[" key "]"
}
function value(path,   c, key, i) {
  skip()
  c = substr(s, pos, 1)
  if (c == "{") {
    pos++
    skip()
    if (substr(s, pos, 1) == "}") { pos++; emit(path, "{}"); return }
    for (;;) {
      skip()
      key = str()
      skip()
      if (substr(s, pos, 1) != ":") fail("expected :")
      pos++
      value(keypath(path, key))
      skip()
      c = substr(s, pos, 1)
      pos++
      if (c == "}") return
      if (c != ",") fail("expected , or }")
    }
  }
  if (c == "[") {
    pos++
    skip()
    if (substr(s, pos, 1) == "]") { pos++; emit(path, "[]"); return }
    for (i = 0; ; i++) {
      value((path == "" ? "." : path) "[" i "]")
      skip()
      c = substr(s, pos, 1)
      pos++
      if (c == "]") return
      if (c != ",") fail("expected , or ]")
    }
  }
  if (c == "\"") { emit(path, str()); return }
  if (match(substr(s, pos, 400), /^(-?[0-9]+(\.[0-9]+)?([eE][-+]?[0-9]+)?|true|false|null)/)) {
    emit(path, substr(s, pos, RLENGTH))
    pos += RLENGTH
    return
  }
  fail("unexpected character")
}
{ s = s $0 "\n" }
END {
  if (bad) exit 1
  n = length(s)
  pos = 1
  value("")
  skip()
  if (pos <= n) fail("trailing text")
}'
fake_json_paths() { awk "$FAKE_JSON_AWK"; }

# The text of the value at PATH (jq-style, as fake_json_paths writes it) in the JSON text $1;
# nothing for null or a missing path. Returns 1 when the path is missing or $1 is not JSON.
fake_json_get() {
  local line
  line=$(set -o pipefail; printf '%s' "$1" | fake_json_paths | awk -F '\t' -v want="$2" '$1 == want { print; found = 1; exit } END { exit !found }') ||
    return 1
  fj_text "${line#*$'\t'}"
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
