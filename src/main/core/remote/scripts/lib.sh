# Helpers put in front of every Sortie script (after the runner's prelude and the run directory
# protocol's names, see run-directory/protocol.ts). Nothing here ever evaluates its arguments.
# Builtins are called as `builtin` where a prelude (RVM, autoenv) may have redefined them.

# sortie_expand PATH: sets sortie_expanded to PATH with a leading ~ made the remote user's home;
# the path itself is never evaluated, and no process is started (polls call it for every run).
sortie_expand() {
  case $1 in
    '~') sortie_expanded=${HOME%/} ;;
    '~/'*) sortie_expanded="${HOME%/}/${1#\~/}" ;;
    *) sortie_expanded=$1 ;;
  esac
}

# sortie_path PATH: prints PATH with a leading ~ expanded (see sortie_expand).
sortie_path() {
  sortie_expand "$1"
  printf '%s' "$sortie_expanded"
}

# The current UTC time as ISO-8601 with milliseconds where `date` can (GNU), whole seconds elsewhere.
sortie_now() {
  local now
  now=$(date -u +%Y-%m-%dT%H:%M:%S.%3NZ)
  case $now in *N*) now=$(date -u +%Y-%m-%dT%H:%M:%SZ) ;; esac
  printf '%s\n' "$now"
}

# sortie_put FILE TEXT: writes TEXT and a newline to FILE through a temporary name in the same
# directory and a rename, so a reader sees the old content or the new, never half of it.
sortie_put() {
  local file=$1 tmp
  tmp="${file%/*}/.${file##*/}.$$.tmp"
  printf '%s\n' "$2" >"$tmp" && mv -f -- "$tmp" "$file"
}

# sortie_read_first FILE: sets sortie_line to the file's first line ('' when it is missing).
# Functions that answer in a variable cost no process; polls call them for every run.
sortie_read_first() {
  sortie_line=''
  [ -f "$1" ] && IFS= read -r sortie_line <"$1"
  return 0
}

# True when $1 is a non-negative decimal number; check before any arithmetic on an argument
# (bash arithmetic evaluates $(...) hidden in a variable's value).
sortie_digits() { case $1 in '' | *[!0-9]*) return 1 ;; esac; }

# True when the absolute path has no empty, . or .. segment (a trailing slash aside).
sortie_plain_path() {
  case ${1%/}/ in */./* | */../* | *//*) return 1 ;; esac
}

# sortie_resolve_dir DIR: sets sortie_real to the physical path of the existing directory DIR
# (symlinks resolved), or fails. No process is started: the shell goes there and comes back
# (launches and polls resolve a dozen paths, and a fork costs milliseconds on slow machines).
sortie_resolve_dir() {
  local back=$PWD
  sortie_real=''
  builtin cd -P -- "$1" 2>/dev/null || return 1
  sortie_real=$PWD
  builtin cd -- "$back" 2>/dev/null || builtin cd -P / || return 1
}

# sortie_check_root ROOT: checks the workspace root and sets sortie_root_real to its physical
# path. The root must be an absolute (or ~/) path without . or .. segments that exists, and must
# not be /, the home directory or a folder holding it, as written in $HOME or physically:
# everything Sortie removes lies strictly inside it. Exit 2: it does not exist (nothing to clean).
sortie_check_root() {
  local root real home logical candidate
  sortie_root_real=''
  sortie_expand "$1"
  root=$sortie_expanded
  case $root in
    /*) ;;
    *)
      echo "Refusing to work in the workspace root '$1': it is not an absolute or ~/ path." >&2
      return 1
      ;;
  esac
  if ! sortie_plain_path "$root"; then
    echo "Refusing to work in the workspace root '$1': it has an empty, . or .. segment." >&2
    return 1
  fi
  if ! sortie_resolve_dir "$root"; then
    echo "The workspace root $root does not exist on this runner." >&2
    return 2
  fi
  real=$sortie_real
  # The home directory as written in $HOME, without trailing slashes, and physically.
  logical=$HOME
  while [ "${#logical}" -gt 1 ] && [ "${logical%/}" != "$logical" ]; do logical=${logical%/}; done
  home=$logical
  sortie_resolve_dir "$logical" && home=$sortie_real
  for candidate in "$real" "${root%/}"; do
    if [ "$candidate" = / ] || [ -z "$candidate" ]; then
      echo "Refusing to work in the workspace root $root: it is /." >&2
      return 1
    fi
    case "$home/:$logical/" in
      "$candidate"/*:* | *:"$candidate"/*)
        echo "Refusing to work in the workspace root $root: it is your home directory or holds it ($real)." >&2
        return 1
        ;;
    esac
  done
  sortie_root_real=$real
}

# sortie_root ROOT: prints the workspace root's physical path (sortie_check_root; same exits).
sortie_root() {
  sortie_check_root "$1" || return
  printf '%s' "$sortie_root_real"
}

# sortie_locate REAL_ROOT PATH: sets sortie_located to the physical location of PATH (its parent
# resolved, its last name kept, so a symlink is itself acted on, never its target) when it lies
# strictly inside REAL_ROOT (as sortie_check_root sets it). Exit 2: PATH does not exist (nothing
# to do). Exit 1: PATH is outside the root or not a plain path; the reason goes to stderr.
sortie_locate() {
  local root=$1 path parent name real
  sortie_located=''
  sortie_expand "$2"
  path=$sortie_expanded
  while [ "${#path}" -gt 1 ] && [ "${path%/}" != "$path" ]; do path=${path%/}; done
  case $path in
    /*) ;;
    *)
      echo "Refusing '$2': Sortie only touches absolute paths inside the workspace root." >&2
      return 1
      ;;
  esac
  if ! sortie_plain_path "$path"; then
    echo "Refusing '$2': it has an empty, . or .. segment." >&2
    return 1
  fi
  [ -e "$path" ] || [ -L "$path" ] || return 2
  name=${path##*/}
  parent=${path%/*}
  [ -n "$parent" ] || parent=/
  if ! sortie_resolve_dir "$parent"; then
    echo "Refusing '$2': its folder cannot be resolved." >&2
    return 1
  fi
  real=${sortie_real%/}/$name
  case $real in
    "$root"/?*) sortie_located=$real ;;
    *)
      echo "Refusing '$2': it is not inside the workspace root $root (it is $real)." >&2
      return 1
      ;;
  esac
}

# sortie_inside REAL_ROOT PATH: prints where PATH is, physically (sortie_locate; same exits).
sortie_inside() {
  sortie_locate "$1" "$2" || return
  printf '%s' "$sortie_located"
}

# sortie_create_dir REAL_ROOT GIVEN_ROOT PATH: creates the directory PATH below the root one
# folder at a time, each checked to be a real folder (not a link) physically inside the root
# before the next is made in it; sets sortie_created to its physical path. GIVEN_ROOT is the
# root as configured (PATH is written below it, or below REAL_ROOT).
sortie_create_dir() {
  local root=$1 given path rest part current
  sortie_created=''
  sortie_expand "$2"
  given=${sortie_expanded%/}
  sortie_expand "$3"
  path=${sortie_expanded%/}
  if ! sortie_plain_path "$path"; then
    echo "Refusing '$3': it has an empty, . or .. segment." >&2
    return 1
  fi
  case $path in
    "$root"/?*) rest=${path#"$root"/} ;;
    "$given"/?*) rest=${path#"$given"/} ;;
    *)
      echo "Refusing to create '$3': it is not inside the workspace root $root." >&2
      return 1
      ;;
  esac
  current=$root
  while [ -n "$rest" ]; do
    part=${rest%%/*}
    [ "$part" = "$rest" ] && rest='' || rest=${rest#*/}
    current=$current/$part
    if [ -L "$current" ]; then
      echo "Refusing to create '$3': $current is a symbolic link." >&2
      return 1
    fi
    [ -d "$current" ] || mkdir -- "$current" 2>/dev/null || [ -d "$current" ] || return 1
    sortie_resolve_dir "$current" || sortie_real=''
    case $sortie_real in
      "$root"/?*) ;;
      *)
        echo "Refusing to create '$3': $current is not inside the workspace root." >&2
        return 1
        ;;
    esac
  done
  sortie_created=$current
}

# sortie_make_dir REAL_ROOT GIVEN_ROOT PATH: prints the created directory's physical path
# (sortie_create_dir; same exits).
sortie_make_dir() {
  sortie_create_dir "$1" "$2" "$3" || return
  printf '%s' "$sortie_created"
}

# sortie_remove REAL_ROOT PHYSICAL_PATH: removes an entry that sortie_inside answered, from
# within its folder after checking again that the folder is physically inside the root, so a
# folder swapped for a link in the meantime is not followed. A link is removed as a link.
sortie_remove() {
  local root=$1 parent=${2%/*} name=${2##*/}
  (
    builtin cd -P -- "$parent" 2>/dev/null || exit 0
    case $(builtin pwd -P)/ in "$root"/*) ;; *) exit 1 ;; esac
    rm -rf -- "./$name"
  )
}

# sortie_branch_ok BRANCH: true for a branch name git accepts that is no option.
sortie_branch_ok() {
  case $1 in -* | '') return 1 ;; esac
  git check-ref-format --branch "$1" >/dev/null 2>&1
}

# sortie_new_entry ROOT PATH: checks that PATH may be made inside the workspace root: its last
# name is a plain name and its folder is created one level at a time inside the root
# (sortie_create_dir). Sets sortie_target to where PATH goes, physically. Exit 65 otherwise.
sortie_new_entry() {
  local path name parent
  sortie_check_root "$1" || return 65
  sortie_expand "$2"
  path=$sortie_expanded
  while [ "${#path}" -gt 1 ] && [ "${path%/}" != "$path" ]; do path=${path%/}; done
  name=${path##*/}
  case $name in . | .. | '')
    echo "Refusing '$2': it does not end in a plain name." >&2
    return 65
    ;;
  esac
  case $path in
    */*) parent=${path%/*} ;;
    *) parent=. ;;
  esac
  sortie_create_dir "$sortie_root_real" "$1" "${parent:-/}" || return 65
  sortie_target=$sortie_created/$name
}

# sortie_worktree_place ROOT CHECKOUT WORKTREE: checks a worktree step's paths and sets
# sortie_checkout (the existing checkout) and sortie_worktree (where the worktree goes, its
# folder created), both physically inside the workspace root. Exit 65: a path is outside it.
sortie_worktree_place() {
  sortie_check_root "$1" || return 65
  if ! sortie_locate "$sortie_root_real" "$2"; then
    echo "The project checkout $2 is missing." >&2
    return 1
  fi
  sortie_checkout=$sortie_located
  sortie_new_entry "$1" "$3" || return 65
  sortie_worktree=$sortie_target
}

# sortie_free_worktree_place CHECKOUT WORKTREE: makes room for a new worktree: a leftover
# worktree of the checkout registered there is removed; any other existing path is refused rather
# than overwritten (fails, saying so). Stale worktree records are pruned.
sortie_free_worktree_place() {
  if [ -e "$2" ] || [ -L "$2" ]; then
    if [ ! -L "$2" ] && sortie_registered_worktree "$1" "$2"; then
      git -C "$1" worktree remove --force "$2" >&2 || true
    else
      echo "Refusing to overwrite $2: it exists and is not a worktree of $1." >&2
      return 1
    fi
  fi
  git -C "$1" worktree prune >&2
}

# sortie_run_place ROOT RUN_DIR WORKTREE: checks that the run directory and the worktree exist
# inside the workspace root and sets sortie_run_dir and sortie_worktree to where they are,
# physically. Exit 65 (saying which) otherwise.
sortie_run_place() {
  sortie_check_root "$1" || return 65
  sortie_locate "$sortie_root_real" "$2" || {
    echo "The run directory $2 is missing or outside the workspace root." >&2
    return 65
  }
  sortie_run_dir=$sortie_located
  sortie_locate "$sortie_root_real" "$3" || {
    echo "The worktree $3 does not exist or is outside the workspace root." >&2
    return 65
  }
  sortie_worktree=$sortie_located
}

# sortie_detach LOG SCRIPT ARG...: starts `bash SCRIPT ARG...` detached: a new session (setsid;
# job control where setsid is missing), all three standard streams redirected (stderr appended
# to LOG), so it outlives the SSH connection and the app.
sortie_detach() {
  local log=$1
  shift
  if command -v setsid >/dev/null 2>&1; then
    setsid nohup bash "$@" </dev/null >/dev/null 2>>"$log" &
  else
    (set -m; nohup bash "$@" </dev/null >/dev/null 2>>"$log" &)
  fi
}

# sortie_registered_worktree CHECKOUT PATH: true when git lists PATH (physical) as a worktree of
# the checkout. Only then is `git worktree remove` used, since git resolves links itself.
sortie_registered_worktree() {
  [ -d "$1/.git" ] && git -C "$1" worktree list --porcelain 2>/dev/null | grep -Fxq -- "worktree $2"
}

# sortie_pid_of FILE: sets sortie_pid to the pid in the file; fails unless it holds a pid above
# 1 written plainly (pid 1 and `-1` would reach every process of the user).
sortie_pid_of() {
  sortie_read_first "$1"
  sortie_pid=$sortie_line
  case $sortie_pid in '' | 0* | 1 | *[!0-9]*)
    sortie_pid=''
    return 1
    ;;
  esac
}

# sortie_owns_pid RUN_DIR PID: true when the live process PID belongs to this run: its command
# line names the run's launcher (the launcher, or the agent's shell forked from it), or, where
# /proc shows it, its environment holds the run directory the launcher exported to everything
# it started. Reading /proc starts no process; ps is the fallback elsewhere.
sortie_owns_pid() {
  local launcher="/${1##*/}/$sortie_file_launcher" a0='' a1='' entry args
  if [ -r "/proc/$2/cmdline" ]; then
    { IFS= read -r -d '' a0 && IFS= read -r -d '' a1; } 2>/dev/null <"/proc/$2/cmdline"
    case $a1 in *"$launcher") return 0 ;; esac
    [ -r "/proc/$2/environ" ] || return 1
    while IFS= read -r -d '' entry; do
      case $entry in "SORTIE_RUN_DIR=$1") return 0 ;; esac
    done 2>/dev/null <"/proc/$2/environ"
    return 1
  fi
  args=$(ps -o args= -p "$2" 2>/dev/null) || return 1
  case $args in *"$launcher"*) return 0 ;; *) return 1 ;; esac
}

# sortie_owns_eval_pid RUN_DIR PID: true when the live process PID is this run directory's eval
# launcher (its command line names RUN_DIR/eval-launch.sh; ps where there is no /proc).
sortie_owns_eval_pid() {
  local launcher="$1/$sortie_file_eval_launcher" a0='' a1='' args
  if [ -r "/proc/$2/cmdline" ]; then
    { IFS= read -r -d '' a0 && IFS= read -r -d '' a1; } 2>/dev/null <"/proc/$2/cmdline"
    [ "$a1" = "$launcher" ]
    return
  fi
  [ -d /proc/self ] && return 1
  args=$(ps -o args= -p "$2" 2>/dev/null) || return 1
  case $args in *"$launcher"*) return 0 ;; *) return 1 ;; esac
}

# sortie_run_pid RUN_DIR PID_FILE: sets sortie_pid to the pid in the file while it is still this
# run's: a live process of the run (sortie_owns_pid), or a launcher gone (or a zombie) whose
# process group lives on with one of the run's processes in it. A pid that now belongs to another program is
# never answered (sortie_pid is then '' and the status 1).
sortie_run_pid() {
  local dir=$1 pid member found=''
  sortie_pid_of "$dir/$2" || return 1
  pid=$sortie_pid
  sortie_pid=''
  # A live process of the run; else (gone, a zombie, or another program now) its process group,
  # when a process of the run is still in it.
  if ! { kill -0 "$pid" 2>/dev/null && sortie_owns_pid "$dir" "$pid"; }; then
    kill -0 -- "-$pid" 2>/dev/null || return 1
    for member in $(pgrep -g "$pid" 2>/dev/null); do
      sortie_owns_pid "$dir" "$member" && found=1 && break
    done
    [ -n "$found" ] || return 1
  fi
  sortie_pid=$pid
}

# True while the run's launcher itself is alive (not a zombie, not a pid reused by another program).
sortie_launcher_alive() {
  sortie_pid_of "$1/$sortie_file_launcher_pid" && kill -0 "$sortie_pid" 2>/dev/null && sortie_owns_pid "$1" "$sortie_pid"
}

# True while the run's launcher (or its process group) or its agent shell is alive.
sortie_run_alive() {
  sortie_run_pid "$1" "$sortie_file_launcher_pid" || sortie_run_pid "$1" "$sortie_file_agent_pid"
}

# Sets launcher and agent (the caller's locals) to the run's pids still its own, else ''.
sortie_run_pids() {
  sortie_run_pid "$1" "$sortie_file_launcher_pid"
  launcher=$sortie_pid
  sortie_run_pid "$1" "$sortie_file_agent_pid"
  agent=$sortie_pid
  return 0
}

# sortie_stop_run RUN_DIR FINAL_STATUS: stops a run that is still going, the one way every
# script does it: TERM to the launcher's process group (launcher, agent and whatever the agent
# started) and to the agent's shell, up to two seconds for them to end, then KILL to whatever of
# the run is left. FINAL_STATUS (canceled, timed_out or completed) is recorded once nothing of
# the run is alive, unless the run reached an outcome of its own first. A run directory that is a
# link is not followed; a finished run is left alone: its old pids may belong to others now.
# The launch lock is taken first, so a launch still on its way never starts the run afterwards.
sortie_stop_run() {
  local dir=$1 final=$2 status launcher agent i
  [ -d "$dir" ] && [ ! -L "$dir" ] || return 0
  sortie_read_first "$dir/$sortie_file_status"
  status=$sortie_line
  case $status in "$sortie_status_running" | '') ;; *) return 0 ;; esac
  mkdir "$dir/$sortie_file_launch_lock" 2>/dev/null || true
  sortie_put "$dir/$sortie_file_stop_reason" "$final"
  sortie_run_pids "$dir"
  [ -n "$launcher" ] && { kill -TERM -- "-$launcher" 2>/dev/null || kill -TERM "$launcher" 2>/dev/null; }
  [ -n "$agent" ] && kill -TERM "$agent" 2>/dev/null
  for ((i = 0; i < 10; i++)); do
    sortie_run_alive "$dir" || break
    sleep 0.2
  done
  # Asked again before KILL: in two seconds a pid can have gone and come back as another program.
  sortie_run_pids "$dir"
  [ -n "$launcher" ] && { kill -KILL -- "-$launcher" 2>/dev/null || kill -KILL "$launcher" 2>/dev/null; }
  [ -n "$agent" ] && kill -KILL "$agent" 2>/dev/null
  # Recorded only now that every process is gone (the launcher leaves it to us: see launcher.sh).
  sortie_read_first "$dir/$sortie_file_status"
  status=$sortie_line
  case $status in
    "$sortie_status_running" | '' | "$sortie_status_canceled")
      sortie_now >"$dir/$sortie_file_finished_at"
      sortie_put "$dir/$sortie_file_status" "$final"
      ;;
  esac
  return 0
}

# sortie_legacy_projects REAL_ROOT: prints (NUL-ended) the project folders of the earlier layout:
# real folders holding their own checkout (<name>/<name>/.git), other than this layout's folders.
sortie_legacy_projects() {
  local project name
  for project in "$1"/*; do
    name=${project##*/}
    case $name in "$sortie_layout_projects" | "$sortie_layout_reviews") continue ;; esac
    [ -d "$project" ] && [ ! -L "$project" ] && [ -d "$project/$name/.git" ] && printf '%s\0' "$project"
  done
  return 0
}

# sortie_review_workspaces REAL_ROOT: prints (NUL-ended) the review workspaces under the root
# (reviews/<key>, workspace/layout.ts): real folders named like a key, in a reviews folder that
# is itself a real folder. None while a project of the earlier layout is named "reviews" (its
# folders would sit there), so nothing of such a project is ever taken for a review workspace.
sortie_review_workspaces() {
  local reviews="$1/$sortie_layout_reviews" workspace name
  [ -d "$reviews" ] && [ ! -L "$reviews" ] || return 0
  [ -e "$reviews/$sortie_layout_reviews/.git" ] && return 0
  for workspace in "$reviews"/*; do
    name=${workspace##*/}
    [[ $name =~ $sortie_review_key_pattern ]] || continue
    [ -d "$workspace" ] && [ ! -L "$workspace" ] && printf '%s\0' "$workspace"
  done
  return 0
}

# sortie_each_run_dir REAL_ROOT: prints (NUL-ended) every run directory of both layouts under
# the root (workspace/layout.ts): real folders named like a Sortie run id, in project and review
# workspace folders that are real folders. In a legacy project, a run folder named like the project is its checkout.
sortie_each_run_dir() {
  local root=$1 project name folder entry
  local workspaces=()
  for project in "$root/$sortie_layout_projects"/*; do
    [ -d "$project" ] && [ ! -L "$project" ] && workspaces+=("$project")
  done
  while IFS= read -r -d '' project; do workspaces+=("$project"); done < <(sortie_review_workspaces "$root")
  for project in ${workspaces[@]+"${workspaces[@]}"}; do
    [ -d "$project/$sortie_layout_runs" ] && [ ! -L "$project/$sortie_layout_runs" ] || continue
    for entry in "$project/$sortie_layout_runs"/$sortie_run_id_glob; do
      [ -d "$entry" ] && [ ! -L "$entry" ] && printf '%s\0' "$entry"
    done
  done
  while IFS= read -r -d '' project; do
    name=${project##*/}
    for folder in "${sortie_legacy_run_folders[@]}"; do
      [ "$folder" = "$name" ] && continue
      for entry in "$project/$folder"/$sortie_run_id_glob; do
        [ -d "$entry" ] && [ ! -L "$entry" ] && printf '%s\0' "$entry"
      done
    done
  done < <(sortie_legacy_projects "$root")
  return 0
}

# sortie_framed FILE KIND INDEX COMMAND...: runs the command and writes its answer to FILE as
# one frame, `KIND INDEX EXIT OUT_BYTES ERR_BYTES`, a newline, then exactly its stdout and its
# stderr (remote/frames.ts reads it). The output goes through files, never a variable: NUL bytes
# and trailing newlines are kept, and nothing the command prints can break the framing.
sortie_framed() {
  local file=$1 kind=$2 index=$3 code=0 out_bytes err_bytes
  shift 3
  "$@" >"$file.out" 2>"$file.err" || code=$?
  out_bytes=$(($(wc -c <"$file.out")))
  err_bytes=$(($(wc -c <"$file.err")))
  {
    printf '%s %s %s %s %s\n' "$kind" "$index" "$code" "$out_bytes" "$err_bytes"
    cat -- "$file.out" "$file.err"
  } >"$file"
  rm -f -- "$file.out" "$file.err"
}

# sortie_spawn LIMIT COMMAND...: starts the command in the background once fewer than LIMIT of
# this shell's jobs run. `wait -n` needs bash 4.3; older shells wait for the whole batch.
sortie_spawn() {
  local limit=$1
  shift
  while [ "$(jobs -rp | wc -l)" -ge "$limit" ]; do
    if ((BASH_VERSINFO[0] > 4 || (BASH_VERSINFO[0] == 4 && BASH_VERSINFO[1] >= 3))); then
      wait -n 2>/dev/null || true
    else
      wait
    fi
  done
  "$@" &
}

# sortie_progress NAME: tells the client which phase a supervised request (worker.sh, MODE 1)
# has reached; nothing elsewhere.
sortie_progress() {
  [ -n "${sortie_talk_fd:-}" ] || return 0
  printf 'P %s\n' "$1" >&"$sortie_talk_fd"
}

# sortie_ask QUESTION [SECONDS]: asks the client of a supervised request (first line of QUESTION:
# what is asked; the rest: what it needs to answer) and waits for its answer, at most SECONDS
# (60): the answer is in sortie_reply. Fails when there is no client to ask or it did not answer
# in time (a connection gone quiet), so a step that needs the answer never goes ahead without it.
sortie_ask() {
  local LC_ALL=C line
  sortie_reply=''
  [ -n "${sortie_talk_fd:-}" ] || return 1
  printf '%s' "$1" >"$sortie_tmp/ask" || return 1
  printf 'A %s\n' "${#1}" >&"$sortie_talk_fd"
  IFS= read -r -t "${2:-60}" line <&"$sortie_reply_fd" || return 1
  IFS= read -r -d '' sortie_reply <"$sortie_tmp/reply-text"
  return 0
}
