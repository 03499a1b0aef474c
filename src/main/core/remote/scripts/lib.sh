# Helpers put in front of every Sortie script (after the runner's prelude).

# Expands a leading ~ to the remote user's home; the path itself is never evaluated.
sortie_path() {
  case $1 in
    '~') printf '%s' "$HOME" ;;
    '~/'*) printf '%s/%s' "$HOME" "${1#\~/}" ;;
    *) printf '%s' "$1" ;;
  esac
}

# The current UTC time as ISO-8601 with milliseconds where `date` can (GNU), whole seconds elsewhere.
sortie_now() {
  local now
  now=$(date -u +%Y-%m-%dT%H:%M:%S.%3NZ)
  case $now in *N*) now=$(date -u +%Y-%m-%dT%H:%M:%SZ) ;; esac
  printf '%s\n' "$now"
}
