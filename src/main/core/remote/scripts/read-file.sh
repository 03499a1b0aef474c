# read-file PATH: answers `FILE` and a newline, then the bytes of PATH (~/ is the home
# directory); or `MISSING` and a newline when nothing is there. A file that exists but cannot be
# read is an error (non-zero exit, the reason on stderr), never mistaken for a missing one.
target=$(sortie_path "$1")
if [ ! -e "$target" ] && [ ! -L "$target" ]; then
  printf 'MISSING\n'
  exit 0
fi
printf 'FILE\n'
# Not `exec`: the worker's job tells its end when the script ends (an exec'd program cannot).
cat -- "$target"
