#!/usr/bin/env bash
# The engines the tests run against: a private Docker daemon, Chromium and a static busybox; the ssh
# engine tests start their own sshd (openssh-server) in front of that daemon.
#
#   bash scripts/engines.sh install         install the system packages that are missing (root + apt)
#   bash scripts/engines.sh up              install if needed, then make sure a Docker engine answers
#   bash scripts/engines.sh down [--purge]  stop the dockerd that `up` started (--purge: drop its images too)
#   bash scripts/engines.sh status          say what is installed and running
#
# `up` writes .engines/env for `source`: DOCKER_HOST, MLW_CHROMIUM and whether this script manages the
# daemon. All commands are idempotent. Nothing here touches a system-wide Docker: the private daemon
# has its own socket, data root and exec root, no bridge and no iptables rules (our machines have no
# network to give containers, and test traffic stays on 127.0.0.1).
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
STATE="$REPO/.engines"
ENV_FILE="$STATE/env"
SOCKET="$STATE/docker.sock"
PIDFILE="$STATE/dockerd.pid"
LOG="$STATE/dockerd.log"
DATA_ROOT="$STATE/data"
# dockerd and its containerd put unix sockets under the exec root, and a socket path may not exceed
# 108 bytes: a deep checkout would break them, so the exec root lives in a short per-checkout /tmp dir.
EXEC_ROOT="/tmp/mlw-docker-$(printf '%s' "$REPO" | md5sum | cut -c1-8)"
CHROMIUM=/usr/bin/chromium
BUSYBOX=/bin/busybox
ONNX_TESTDATA=/usr/share/libonnx-testdata/data
START_TIMEOUT_S=30
STOP_TIMEOUT_S=40
# How long to wait for another apt or dpkg process (unattended-upgrades, a second install) to let go of
# the package locks before giving up with a message that names it.
APT_LOCK_TIMEOUT_S="${MLW_APT_LOCK_TIMEOUT_S:-600}"
APT_LOCKS=(/var/lib/dpkg/lock-frontend /var/lib/dpkg/lock /var/lib/apt/lists/lock /var/cache/apt/archives/lock)

# The one list of system packages the tests need that a fresh machine lacks; .ci/run installs via `install`.
PACKAGES=(docker.io chromium busybox-static libonnx-testdata python3-pandas python3-scipy python3-nbformat python3-torch python3-onnx python3-sklearn docker-registry openssh-server openssh-client podman)

say() { printf '[engines] %s\n' "$*"; }
fail() { printf '[engines] error: %s\n' "$*" >&2; exit 1; }
now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f s", b - a }'; }

# The packages whose commands or files are absent; busybox must be the static build (it runs alone
# inside a scratch image), which the busybox package is not.
missing_packages() {
  local missing=()
  if ! command -v dockerd >/dev/null 2>&1 || ! command -v docker >/dev/null 2>&1; then missing+=(docker.io); fi
  if [[ ! -x "$CHROMIUM" ]]; then missing+=(chromium); fi
  if [[ ! -x "$BUSYBOX" ]] || ldd "$BUSYBOX" >/dev/null 2>&1; then missing+=(busybox-static); fi
  if [[ ! -d "$ONNX_TESTDATA/node" ]]; then missing+=(libonnx-testdata); fi
  # The push tests start their own registry (distribution) on a loopback port.
  if ! command -v docker-registry >/dev/null 2>&1; then missing+=(docker-registry); fi
  # The ssh engine tests run a private sshd on a loopback port, with keys made by ssh-keygen.
  if [[ ! -x /usr/sbin/sshd ]]; then missing+=(openssh-server); fi
  if ! command -v ssh-keygen >/dev/null 2>&1; then missing+=(openssh-client); fi
  # The Podman tests start their own `podman system service` on a private socket (test/fixtures/podmanEngine.ts).
  if ! command -v podman >/dev/null 2>&1; then missing+=(podman); fi
  # The independent checks of the profile (pandas, SciPy) and of saved notebooks (nbformat), and the
  # PyTorch models the serving tests export, run on Debian's Python, which is not the python3 first
  # on PATH on our machines.
  local module package probe
  # libonnx-testdata leaves an empty onnx namespace folder, so onnx is probed by a name it defines.
  for module in pandas:python3-pandas scipy:python3-scipy sklearn:python3-sklearn nbformat:python3-nbformat torch:python3-torch onnx.TensorProto:python3-onnx; do
    package=${module#*:}
    module=${module%%:*}
    if [[ "$module" == *.* ]]; then probe="from ${module%.*} import ${module##*.}"; else probe="import $module"; fi
    if ! /usr/bin/python3 -c "$probe" >/dev/null 2>&1; then missing+=("$package"); fi
  done
  if ((${#missing[@]})); then printf '%s\n' "${missing[@]}"; fi
}

# The pid holding a POSIX lock on FILE (apt and dpkg lock with fcntl, which /proc/locks lists by
# device and inode), or nothing when it is free.
lock_holder() {
  local inode
  inode="$(stat -c %i "$1" 2>/dev/null)" || return 0
  awk -v inode="$inode" '$2 == "POSIX" || $2 == "OFDLCK" { n = split($6, id, ":"); if (id[n] == inode) { print $5; exit } }' /proc/locks
}

# Waits, bounded, until no other process holds a package lock; fails naming the holder.
wait_for_apt_locks() {
  local deadline=$((SECONDS + APT_LOCK_TIMEOUT_S)) next_say=$SECONDS lock pid held
  while :; do
    held=""
    for lock in "${APT_LOCKS[@]}"; do
      pid="$(lock_holder "$lock")"
      if [[ -n "$pid" && "$pid" != "$$" ]]; then
        held="$lock is held by pid $pid ($(cat "/proc/$pid/comm" 2>/dev/null || echo gone))"
        break
      fi
    done
    [[ -z "$held" ]] && return 0
    if ((SECONDS >= deadline)); then
      fail "gave up after ${APT_LOCK_TIMEOUT_S} s: $held. Let that apt or dpkg run finish (or stop it), then run this again; MLW_APT_LOCK_TIMEOUT_S sets the wait."
    fi
    if ((SECONDS >= next_say)); then
      say "waiting for the package lock: $held (up to ${APT_LOCK_TIMEOUT_S} s)"
      next_say=$((SECONDS + 15))
    fi
    sleep 1
  done
}

# apt-get once the locks are free; apt's own timeout covers a process that takes the lock in between.
apt_get() {
  wait_for_apt_locks
  DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout="$APT_LOCK_TIMEOUT_S" "$@"
}

cmd_install() {
  local missing
  mapfile -t missing < <(missing_packages)
  if ((${#missing[@]} == 0)); then
    say "system packages present: ${PACKAGES[*]}"
    return 0
  fi
  if [[ "$(id -u)" != 0 ]] || ! command -v apt-get >/dev/null 2>&1; then
    printf '[engines] missing system packages: %s\n' "${missing[*]}" >&2
    printf '[engines] install them, then run this again:\n  sudo apt-get install -y --no-install-recommends %s\n' "${missing[*]}" >&2
    exit 1
  fi
  local t
  t="$(now)"
  say "apt-get update (to install ${missing[*]}) ..."
  apt_get update -qq
  say "apt-get update took $(since "$t")"
  t="$(now)"
  say "apt-get install ${missing[*]} ..."
  apt_get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  say "apt-get install took $(since "$t")"
  mapfile -t missing < <(missing_packages)
  if ((${#missing[@]})); then fail "still missing after apt-get install: ${missing[*]}"; fi
}

answers() {
  timeout 10 docker -H "$1" version --format '{{.Server.Version}}' 2>/dev/null
}

# The pid of the dockerd this script started, if it is still running.
managed_pid() {
  [[ -f "$PIDFILE" ]] || return 1
  local pid
  pid="$(cat "$PIDFILE")"
  if [[ "$pid" =~ ^[0-9]+$ && "$(cat "/proc/$pid/comm" 2>/dev/null)" == dockerd ]]; then
    printf '%s\n' "$pid"
  else
    return 1
  fi
}

write_env() {
  local host="$1" managed="$2" started="$3"
  mkdir -p "$STATE"
  cat >"$ENV_FILE.tmp" <<EOF
# Written by scripts/engines.sh up; \`source\` it to reach the test engines.
export DOCKER_HOST=$host
export MLW_CHROMIUM=$CHROMIUM
# 1 when the daemon is the private one this script runs (engines.sh down stops it).
export MLW_ENGINES_MANAGED=$managed
# 1 when the last \`up\` started the daemon (so whoever ran it should run \`down\`), 0 when it was running already.
export MLW_ENGINES_STARTED=$started
EOF
  mv "$ENV_FILE.tmp" "$ENV_FILE"
  say "wrote $ENV_FILE (DOCKER_HOST=$host)"
}

cmd_up() {
  cmd_install
  local version

  if [[ -n "${DOCKER_HOST:-}" && "$DOCKER_HOST" != "unix://$SOCKET" ]]; then
    if version="$(answers "$DOCKER_HOST")"; then
      say "using the engine at DOCKER_HOST=$DOCKER_HOST (Docker $version)"
      write_env "$DOCKER_HOST" 0 0
      return 0
    fi
    say "DOCKER_HOST=$DOCKER_HOST does not answer; using a private engine instead"
  fi

  if managed_pid >/dev/null && version="$(answers "unix://$SOCKET")"; then
    say "private dockerd already running (pid $(managed_pid), Docker $version)"
    write_env "unix://$SOCKET" 1 0
    return 0
  fi

  if [[ "$(id -u)" != 0 ]]; then
    if version="$(answers unix:///var/run/docker.sock)"; then
      say "not root, so using the system engine at /var/run/docker.sock (Docker $version)"
      write_env unix:///var/run/docker.sock 0 0
      return 0
    fi
    fail "a private dockerd needs root; start Docker, or set DOCKER_HOST to an engine that answers"
  fi
  if ((${#SOCKET} > 100)); then fail "socket path too long for a unix socket: $SOCKET (move the checkout higher up)"; fi

  # A dockerd killed hard leaves its pidfile and socket behind, and refuses to start over them.
  if [[ -f "$PIDFILE" ]] && ! managed_pid >/dev/null; then rm -f "$PIDFILE"; fi
  rm -f "$SOCKET"
  mkdir -p "$STATE" "$DATA_ROOT" "$EXEC_ROOT"

  local t pid
  t="$(now)"
  say "starting dockerd on unix://$SOCKET (log: $LOG) ..."
  # setsid: a Ctrl-C in the terminal that ran `up` must not reach the daemon; `down` stops it.
  setsid dockerd \
    --host "unix://$SOCKET" \
    --data-root "$DATA_ROOT" \
    --exec-root "$EXEC_ROOT" \
    --pidfile "$PIDFILE" \
    --bridge=none \
    --iptables=false \
    </dev/null >"$LOG" 2>&1 &
  pid=$!

  local deadline=$((SECONDS + START_TIMEOUT_S))
  until version="$(answers "unix://$SOCKET")"; do
    if ! kill -0 "$pid" 2>/dev/null; then
      tail -n 40 "$LOG" >&2 || true
      fail "dockerd exited while starting (log above: $LOG)"
    fi
    if ((SECONDS >= deadline)); then
      tail -n 40 "$LOG" >&2 || true
      fail "dockerd did not answer within ${START_TIMEOUT_S} s (log above: $LOG); it is left running for inspection, stop it with: bash scripts/engines.sh down"
    fi
    sleep 0.5
  done
  say "dockerd $version answers (pid $pid) after $(since "$t")"
  write_env "unix://$SOCKET" 1 1
}

# Overlay and shm mounts a killed daemon left under its roots would make rm -rf fail with EBUSY.
unmount_under() {
  local root="$1" mountpoint
  awk -v root="$root/" 'index($2, root) == 1 { print $2 }' /proc/mounts | sort -r | while read -r mountpoint; do
    umount -l "$mountpoint" 2>/dev/null || true
  done
}

cmd_down() {
  local purge=0
  if [[ "${1:-}" == --purge ]]; then purge=1; elif [[ -n "${1:-}" ]]; then fail "unknown option: $1"; fi

  local pid
  if pid="$(managed_pid)"; then
    local t
    t="$(now)"
    say "stopping dockerd (pid $pid) ..."
    kill -TERM "$pid"
    local deadline=$((SECONDS + STOP_TIMEOUT_S))
    while kill -0 "$pid" 2>/dev/null; do
      if ((SECONDS >= deadline)); then
        say "dockerd still running after ${STOP_TIMEOUT_S} s; sending SIGKILL"
        kill -KILL "$pid" 2>/dev/null || true
        sleep 1
        break
      fi
      sleep 0.3
    done
    say "dockerd stopped after $(since "$t")"
  else
    say "no dockerd started by this script is running"
  fi
  rm -f "$SOCKET" "$PIDFILE" "$ENV_FILE"
  if [[ -d "$EXEC_ROOT" ]]; then
    unmount_under "$EXEC_ROOT"
    rm -rf "$EXEC_ROOT"
  fi
  if ((purge)) && [[ -d "$DATA_ROOT" ]]; then
    unmount_under "$DATA_ROOT"
    rm -rf "$DATA_ROOT"
    say "purged $DATA_ROOT"
  elif [[ -d "$DATA_ROOT" ]]; then
    say "kept $DATA_ROOT as the layer cache (--purge removes it)"
  fi
}

cmd_status() {
  local missing
  mapfile -t missing < <(missing_packages)
  if ((${#missing[@]})); then say "missing system packages: ${missing[*]}"; else say "system packages present: ${PACKAGES[*]}"; fi
  local pid version
  if pid="$(managed_pid)"; then
    if version="$(answers "unix://$SOCKET")"; then
      say "private dockerd running: pid $pid, Docker $version, unix://$SOCKET"
    else
      say "private dockerd pid $pid is running but unix://$SOCKET does not answer (log: $LOG)"
    fi
  else
    say "no private dockerd running"
  fi
  if [[ -n "${DOCKER_HOST:-}" ]]; then
    if version="$(answers "$DOCKER_HOST")"; then say "DOCKER_HOST=$DOCKER_HOST answers (Docker $version)"; else say "DOCKER_HOST=$DOCKER_HOST does not answer"; fi
  fi
  if [[ -f "$ENV_FILE" ]]; then
    say "$ENV_FILE:"
    grep '^export' "$ENV_FILE" | sed 's/^/    /'
  fi
}

# Sourced (by the tests), it only defines its functions.
[[ "${BASH_SOURCE[0]}" == "$0" ]] || return 0

case "${1:-}" in
  install) cmd_install ;;
  up) cmd_up ;;
  down) cmd_down "${2:-}" ;;
  status) cmd_status ;;
  *)
    printf 'usage: bash scripts/engines.sh install|up|down [--purge]|status\n' >&2
    exit 2
    ;;
esac
