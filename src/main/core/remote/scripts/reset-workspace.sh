# reset-workspace WORKSPACE_ROOT REGISTRY_PATH
# Empties the workspace root and removes the project registry. Refuses an empty root, `/` and
# the home directory itself. Prints `entries=N registry=true|false`.
set -u
root=$(sortie_path "$1")
registry=$(sortie_path "$2")
canonical() { (cd "$1" 2>/dev/null && pwd -P) || printf '%s' "$1"; }
if [ -z "$1" ] || [ -z "$root" ]; then
  echo "Refusing to reset: the workspace root is empty." >&2
  exit 2
fi
resolved=$(canonical "$root")
if [ "$resolved" = / ] || [ "$resolved" = "$(canonical "$HOME")" ]; then
  echo "Refusing to reset $root: it is / or your home directory." >&2
  exit 2
fi
# The registry often lives inside the root: note whether it exists before emptying the root.
had_registry=false
[ -e "$registry" ] && had_registry=true
removed=0
if [ -d "$root" ]; then
  for entry in "$root"/* "$root"/.[!.]* "$root"/..?*; do
    [ -e "$entry" ] || [ -L "$entry" ] || continue
    rm -rf -- "$entry"
    [ -e "$entry" ] || removed=$((removed + 1))
  done
fi
rm -f -- "$registry"
registry_removed=false
if [ "$had_registry" = true ] && [ ! -e "$registry" ]; then registry_removed=true; fi
printf 'entries=%d registry=%s\n' "$removed" "$registry_removed"
