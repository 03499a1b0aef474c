# write-file PATH MODE, the content on stdin: writes PATH (~/ is the home directory) as a file
# of mode MODE (octal digits). Parent directories are created; the content is written aside in
# the same directory, given its mode, then renamed over PATH, so a reader sees the old file or
# the new one, never part of either.
case $2 in
  [0-7][0-7][0-7] | [0-7][0-7][0-7][0-7]) ;;
  *)
    echo "write-file: '$2' is not an octal file mode" >&2
    exit 2
    ;;
esac
sortie_expand "$1"
target=$sortie_expanded
# Its folder, as dirname says it, without starting dirname (a launch writes the registry).
dir=$target
while [ "${#dir}" -gt 1 ] && [ "${dir%/}" != "$dir" ]; do dir=${dir%/}; done
case $dir in
  */*) dir=${dir%/*} ;;
  *) dir=. ;;
esac
[ -n "$dir" ] || dir=/
[ -d "$dir" ] || mkdir -p -- "$dir" || exit 1
# mktemp makes the file 0600, so nobody reads it before its mode is set (already so for 600).
aside=$(mktemp "$dir/.sortie-upload.XXXXXXXX") || exit 1
if cat >"$aside" && { [ "$2" = 600 ] || chmod "$2" "$aside"; } && mv -f -- "$aside" "$target"; then
  exit 0
fi
rm -f -- "$aside"
exit 1
