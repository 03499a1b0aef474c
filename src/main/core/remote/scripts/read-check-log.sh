# read-check-log OWNER/NAME RUN_ID CAP_BYTES
# The end (CAP_BYTES) of a GitHub Actions run's failed steps' log (`gh run view --log-failed`).
set -u
[[ $1 =~ ^[A-Za-z0-9][A-Za-z0-9-]*/[A-Za-z0-9._-]+$ ]] && sortie_digits "$2" && sortie_digits "$3" || {
  echo "Refusing the run '$2' of '$1'." >&2
  exit 64
}
gh run view "$2" --log-failed -R "$1" 2>&1 | tail -c "$3"
