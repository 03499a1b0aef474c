# Starts a Sortie worker: run by shell-worker.ts `workerCommand` (a bash 4.1 or newer, LC_ALL=C,
# with the nonce as $1), it makes the worker's private folder, then reads worker.sh as a block
# (`BYTES\n` then that many bytes), writes it there as `sortie-worker` and starts it as a script
# file, in the same process (exec): `bash --noprofile --norc sortie-worker NONCE FOLDER DIR`, from
# the folder (DIR: where it was started, to go back to).
# Why a file: bash reads a script file in large reads (from a pipe, `bash -s`, one byte a read),
# and a worker run as a file is not inside an `eval` (as this text is): there, each job's `exit`
# unwound and freed bash's copy of the function the job was forked in, 0.5 ms a request and more
# for every `exit` in a subshell of a script.
unset sortie_boot_text
# The request's files live in memory where the runner has a tmpfs (Linux's /dev/shm): on a disk
# file system each truncation costs a journal write (~0.2 ms on ext4), and a request makes four.
sortie_tmp_root=${TMPDIR:-/tmp}
sortie_tag=''
if [[ -d /dev/shm && -w /dev/shm && -x /dev/shm ]]; then
  sortie_tmp_root=/dev/shm
  # A worker killed outright (SIGKILL, the OOM killer) cannot remove its folder, and memory in
  # /dev/shm stays taken until reboot. So the folder is named by the worker's pid namespace and
  # pid, and a worker that starts removes the folders of this user, named by its own namespace,
  # whose worker is gone. (Containers may share /dev/shm but not their pids: a pid is only
  # asked about in its own namespace. No other machine shares /dev/shm. A pid taken since by a
  # process of this user keeps its folder until that process ends.)
  sortie_pidns=$(readlink "/proc/$$/ns/pid" 2>/dev/null)
  sortie_pidns=${sortie_pidns#'pid:['}
  sortie_pidns=${sortie_pidns%']'}
  if [[ -n $sortie_pidns && $sortie_pidns != *[!0-9]* ]]; then
    sortie_tag=$sortie_pidns.$$.
    sortie_stale=()
    for sortie_dir in /dev/shm/sortie-worker."$sortie_pidns".*.*; do
      sortie_pid=${sortie_dir#/dev/shm/sortie-worker."$sortie_pidns".}
      sortie_pid=${sortie_pid%%.*}
      [[ -O $sortie_dir && -d $sortie_dir && -n $sortie_pid && $sortie_pid != *[!0-9]* ]] || continue
      kill -0 "$sortie_pid" 2>/dev/null || sortie_stale+=("$sortie_dir")
    done
    ((${#sortie_stale[@]} == 0)) || rm -rf -- "${sortie_stale[@]}"
  fi
  unset sortie_pidns sortie_stale sortie_dir sortie_pid
fi
sortie_tmp=$(mktemp -d "$sortie_tmp_root/sortie-worker.${sortie_tag}XXXXXXXX") || exit 90
unset sortie_tag sortie_tmp_root
# Removed on any way out of here but the exec (a signal, a short or wrong block, an exec that
# fails); the worker sets its own.
trap 'rm -rf "$sortie_tmp"' EXIT
# The worker's text, as a block; then the worker reads the rest of stdin itself.
IFS= read -r sortie_count || exit 90
# Digits, not 0 and no leading zero, at most 12.
if [[ -z $sortie_count || ${#sortie_count} -gt 12 || $sortie_count == *[!0-9]* || $sortie_count == 0* ]]; then
  printf 'sortie worker: framing error (malformed worker count); closing\n' >&2
  exit 96
fi
IFS= read -r -N "$sortie_count" sortie_text && ((${#sortie_text} == sortie_count)) || exit 90
printf '%s' "$sortie_text" >"$sortie_tmp/sortie-worker" || exit 90
unset sortie_text sortie_count
# Started from its folder by a relative name, so that bash's error messages say `sortie-worker:`
# (bash names the file a script came from), not the folder; the worker goes back to $PWD first.
cd -- "$sortie_tmp" || exit 90
shopt -s execfail
exec "$BASH" --noprofile --norc sortie-worker "$1" "$sortie_tmp" "$OLDPWD"
exit 90
