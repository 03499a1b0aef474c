# runner-check WORKSPACE_ROOT
# Reports, one `name<TAB>status<TAB>detail` line each, what a runner needs: the prelude, git,
# gh and its login, the agent CLIs, and a writable workspace root. status is ok or fail.
report() { printf '%s\t%s\t%s\n' "$1" "$2" "$(printf '%s' "$3" | tr '\t\n' '  ' | cut -c1-400)"; }

if [ "$sortie_prelude_status" = 0 ]; then
  report prelude ok "ran without error"
else
  report prelude fail "exited with status $sortie_prelude_status"
fi

version_of() {
  local tool=$1
  if ! command -v "$tool" >/dev/null 2>&1; then
    report "$tool" fail "not found on PATH ($PATH)"
    return 1
  fi
  local out
  if out=$("$tool" --version 2>&1 </dev/null); then
    report "$tool" ok "$(printf '%s' "$out" | head -n 1)"
  else
    report "$tool" fail "\`$tool --version\` failed: $(printf '%s' "$out" | head -n 1)"
  fi
}

version_of git
if version_of gh; then
  if out=$(gh auth status 2>&1 </dev/null); then
    report gh-auth ok "$(printf '%s' "$out" | grep -m1 -i 'logged in' || echo 'logged in')"
  else
    report gh-auth fail "not logged in: run \`gh auth login\` on the runner"
  fi
else
  report gh-auth fail "gh is missing"
fi
version_of codex
version_of claude

root=$(sortie_path "$1")
if mkdir -p "$root" 2>/dev/null && probe=$(mktemp "$root/.sortie-write-check.XXXXXX" 2>/dev/null); then
  rm -f "$probe"
  report workspace ok "$root is writable"
else
  report workspace fail "cannot create files in $root"
fi
