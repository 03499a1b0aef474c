# reset-workspace WORKSPACE_ROOT REGISTRY_PATH
# Stops every run still going under the workspace root, then empties it. The root is checked
# first (sortie_root: not /, not the home directory nor any folder holding it). The registry goes
# with the root when it lies inside it; a registry kept elsewhere is left alone, since Sortie
# removes nothing outside the root. Prints `entries=N registry=true|false`.
set -u
code=0
root=$(sortie_root "$1") || code=$?
[ "$code" = 2 ] && { printf 'entries=0 registry=false\n'; exit 0; }
[ "$code" = 0 ] || exit 65
had_registry=false
registry=$(sortie_inside "$root" "$2" 2>/dev/null) && had_registry=true
while IFS= read -r -d '' dir; do
  sortie_stop_run "$dir" "$sortie_status_canceled"
done < <(sortie_each_run_dir "$root")
removed=0
for entry in "$root"/* "$root"/.[!.]* "$root"/..?*; do
  [ -e "$entry" ] || [ -L "$entry" ] || continue
  sortie_remove "$root" "$entry"
  [ -e "$entry" ] || [ -L "$entry" ] || removed=$((removed + 1))
done
registry_removed=false
if [ "$had_registry" = true ] && [ ! -e "$registry" ]; then registry_removed=true; fi
printf 'entries=%d registry=%s\n' "$removed" "$registry_removed"
