# read-files NFILES FILE... DIR...
# For every directory and every named file in it, prints `DIR_INDEX FILE_INDEX SIZE` and then
# exactly SIZE bytes, or `DIR_INDEX FILE_INDEX -1` when the file is missing. Byte counts make it
# safe for any content, empty files included.
nfiles=$1
shift
files=("${@:1:nfiles}")
shift "$nfiles"
d=0
for dir in "$@"; do
  dir=$(sortie_path "$dir")
  for ((f = 0; f < nfiles; f++)); do
    path="$dir/${files[f]}"
    if [ -f "$path" ] && [ -r "$path" ]; then
      size=$(wc -c <"$path")
      printf '%d %d %d\n' "$d" "$f" "$size"
      head -c "$size" "$path"
    else
      printf '%d %d -1\n' "$d" "$f"
    fi
  done
  d=$((d + 1))
done
