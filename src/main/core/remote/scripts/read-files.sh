# read-files NFILES FILE... DIR...
# Reads the named files of every directory in one go. With GNU tar (Linux runners) the answer is
# `TAR` and a tar stream of the files that exist, named DIR/FILE with the directory as given
# after ~ expansion (the expanded directories precede the stream, each ended by a NUL): one
# process for all files, sizes and contents consistent even while a file is being written. Elsewhere it is `FRAMES` and, per directory and file, `DIR_INDEX FILE_INDEX
# SIZE` followed by exactly SIZE bytes, or SIZE -1 for a missing file.
nfiles=$1
shift
files=("${@:1:nfiles}")
shift "$nfiles"
dirs=()
for dir in "$@"; do dirs+=("$(sortie_path "$dir")"); done

if tar --version 2>/dev/null | head -n 1 | grep -q 'GNU tar'; then
  present=()
  for dir in "${dirs[@]}"; do
    for file in "${files[@]}"; do
      [ -f "$dir/$file" ] && present+=("$dir/$file")
    done
  done
  # The expanded directories come first (NUL-terminated) so the client can map tar names back.
  printf 'TAR\n'
  printf '%s\0' "${dirs[@]}"
  ((${#present[@]} == 0)) && exit 0
  printf '%s\0' "${present[@]}" | tar -c -f - -P --null --no-recursion --ignore-failed-read -T - 2>/dev/null
  exit 0
fi

printf 'FRAMES\n'
for ((d = 0; d < ${#dirs[@]}; d++)); do
  for ((f = 0; f < nfiles; f++)); do
    path="${dirs[d]}/${files[f]}"
    if [ -f "$path" ] && [ -r "$path" ]; then
      size=$(wc -c <"$path")
      printf '%d %d %d\n' "$d" "$f" "$size"
      head -c "$size" "$path"
    else
      printf '%d %d -1\n' "$d" "$f"
    fi
  done
done
