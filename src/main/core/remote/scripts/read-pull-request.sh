# read-pull-request OWNER NAME NUMBER
# Prints GitHub's REST answer for the pull request (`gh api repos/OWNER/NAME/pulls/NUMBER`) as
# JSON. The arguments are checked to be a repository owner, a repository name and a number
# before they reach gh, so none can be read as an option.
set -eu
owner=$1 name=$2 number=$3
[[ $owner =~ ^[A-Za-z0-9][A-Za-z0-9-]*$ ]] && [[ $name =~ ^[A-Za-z0-9._-]+$ ]] && [ "$name" != . ] &&
  [ "$name" != .. ] && sortie_digits "$number" || {
  echo "Refusing the pull request $owner/$name#$number." >&2
  exit 64
}
command -v gh >/dev/null 2>&1 || {
  echo "gh (GitHub's command line) is not on PATH on this runner. Install it, or add it to PATH in the runner's shell prelude." >&2
  exit 127
}
gh api "repos/$owner/$name/pulls/$number"
