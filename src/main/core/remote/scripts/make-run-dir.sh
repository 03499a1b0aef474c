# make-run-dir WORKSPACE_ROOT RUN_DIR
# Creates the run directory (and the folders above it) inside the workspace root, each folder
# checked to be a real folder there before the next is made, so the files uploaded next land
# inside the root. Exit 65: the run directory would be outside it.
set -u
root=$(sortie_root "$1") || exit 65
sortie_make_dir "$root" "$1" "$2" >/dev/null || exit 65
