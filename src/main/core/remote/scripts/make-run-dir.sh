# make-run-dir WORKSPACE_ROOT RUN_DIR [NAME MODE CONTENT]...
# Creates the run directory (and the folders above it) inside the workspace root, each folder
# checked to be a real folder there before the next is made, then writes each named file into
# it: NAME a plain file name, MODE 600 or 700, CONTENT the bytes (an argument: never evaluated).
# One call for everything a run needs before its launch. Exit 65: the run directory would be
# outside the root; 2: a malformed name or mode (nothing is written then).
set -u
sortie_check_root "$1" || exit 65
sortie_create_dir "$sortie_root_real" "$1" "$2" || exit 65
run_dir=$sortie_created
shift 2
if (($# % 3 != 0)); then
  echo "make-run-dir: files come as NAME MODE CONTENT triples" >&2
  exit 2
fi
for ((i = 1; i <= $#; i += 3)); do
  name=${!i} mode_at=$((i + 1))
  case $name in '' | .* | */* | *[!A-Za-z0-9._-]*)
    echo "make-run-dir: '$name' is not a plain file name" >&2
    exit 2
    ;;
  esac
  case ${!mode_at} in 600 | 700) ;; *)
    echo "make-run-dir: '${!mode_at}' is not a mode for a run file (600 or 700)" >&2
    exit 2
    ;;
  esac
done
# Written afresh (an earlier attempt's file or a link planted there is removed, never followed)
# and readable by the user alone from the moment it exists; the launcher then gets its x bit.
names=()
for ((i = 1; i <= $#; i += 3)); do
  if [ -e "$run_dir/${!i}" ] || [ -L "$run_dir/${!i}" ]; then names+=("$run_dir/${!i}"); fi
done
((${#names[@]} == 0)) || rm -f -- "${names[@]}" || exit 1
umask 077
set -o noclobber
while (($# > 0)); do
  printf '%s' "$3" >"$run_dir/$1" || exit 1
  if [ "$2" = 700 ]; then chmod 700 "$run_dir/$1" || exit 1; fi
  shift 3
done
