# Helpers put in front of every Sortie script (after the runner's prelude).

# Expands a leading ~ to the remote user's home; the path itself is never evaluated.
sortie_path() {
  case $1 in
    '~') printf '%s' "$HOME" ;;
    '~/'*) printf '%s/%s' "$HOME" "${1#\~/}" ;;
    *) printf '%s' "$1" ;;
  esac
}
