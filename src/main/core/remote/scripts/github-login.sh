# github-login: prints the GitHub login `gh` is authenticated as on this runner.
set -eu
if ! command -v gh >/dev/null 2>&1; then
  echo "gh is not installed on this runner (or not on the PATH the shell prelude sets)." >&2
  exit 1
fi
if ! login=$(gh api user --jq .login 2>&1); then
  echo "gh is not authenticated on this runner: run \`gh auth login\` there. ($login)" >&2
  exit 1
fi
if [ -z "$login" ]; then
  echo "gh did not return a GitHub login." >&2
  exit 1
fi
printf '%s\n' "$login"
