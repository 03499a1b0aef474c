# ensure-checkout WORKSPACE_ROOT REPO_URL REPOSITORY_NAME GIT_URL BASE_BRANCH CHECKOUT GITHUB_LOGIN
# Makes CHECKOUT (inside the workspace root, which is created if needed) a clone of the bot's
# fork (origin) with the real repository as upstream, forking it first if needed, and resets it
# to upstream's base branch. Prints the fork's URL.
set -eu
mkdir -p -- "$(sortie_path "$1")"
repo_url=$2
repository_name=$3
git_url=$4
base_branch=$5
login=$7
sortie_branch_ok "$base_branch" || {
  echo "Refusing the base branch name '$base_branch'." >&2
  exit 64
}
sortie_new_entry "$1" "$6" || exit 65
checkout=$sortie_target
if [ -L "$checkout" ]; then
  echo "Refusing to use $checkout as the checkout: it is a symbolic link." >&2
  exit 65
fi

# Fresh runners have never seen github.com: accept its key on first use, remembered after.
mkdir -p "$HOME/.ssh"
chmod 700 "$HOME/.ssh"
touch "$HOME/.ssh/known_hosts"
export GIT_SSH_COMMAND="ssh -o BatchMode=yes -o StrictHostKeyChecking=accept-new"
export GIT_TERMINAL_PROMPT=0

fork_url() { gh repo view "$login/$repository_name" --json sshUrl --jq .sshUrl 2>/dev/null || true; }
fork=$(fork_url)
if [ -z "$fork" ]; then
  gh repo fork "$repo_url" --clone=false >&2
  fork=$(fork_url)
fi
if [ -z "$fork" ]; then
  echo "Could not find the fork $login/$repository_name after forking $repo_url." >&2
  exit 1
fi

if [ ! -d "$checkout/.git" ]; then
  git clone --quiet -- "$fork" "$checkout" >&2
fi
cd "$checkout"
git remote set-url -- origin "$fork" 2>/dev/null || git remote add -- origin "$fork"
git remote set-url -- upstream "$git_url" 2>/dev/null || git remote add -- upstream "$git_url"
git fetch --quiet --prune origin >&2
git fetch --quiet --prune upstream >&2
if ! git rev-parse --verify --quiet "refs/remotes/upstream/$base_branch" >/dev/null; then
  echo "The upstream repository has no branch $base_branch. Check the project's base branch." >&2
  exit 1
fi
git checkout --quiet -B "$base_branch" "upstream/$base_branch" >&2
git reset --quiet --hard "upstream/$base_branch" >&2
git clean -fdq >&2
printf '%s\n' "$fork"
