# probe: answers with its arguments, one per line, each as its byte count and bytes, then the
# remote user and home. Used to check that arguments arrive byte-exact.
for arg in "$@"; do
  printf '%d\n' "$(printf '%s' "$arg" | wc -c)"
  printf '%s' "$arg"
done
printf '\nuser=%s\nhome=%s\nprelude=%s\n' "$(id -un)" "$HOME" "$sortie_prelude_status"
