#!/usr/bin/env bash
# The portal's lab: two real Docker hosts on one machine.
#
#   lab/lab.sh up [--iptables=legacy] [dockerd flags...]   e.g. lab/lab.sh up --icc=false --iptables=legacy
#   lab/lab.sh down
#   lab/lab.sh status                  exit 0 when both hosts answer (and docker3, once asked for), 1 otherwise
#
# --iptables=legacy (a lab option, not passed to dockerd) adds a third host, docker3 (10.20.30.102), whose dockerd
# writes with iptables-legacy and has IPv6 on (--ipv6 --fixed-cidr-v6 fd00:3::/64 --ip6tables --experimental);
# docker1 and docker2 are never touched by it, and a plain `up` leaves docker3 as it is.
#
# Topology (docs/lab.md): network namespaces docker1 and docker2, each with its own dockerd (vfs storage,
# data and exec roots under /var/lib/portal-lab/NAME), joined by the "physical" bridge labphys0
# (10.20.30.1/24 in the root namespace; docker1 is 10.20.30.100, docker2 10.20.30.101 on their eth0).
#
# Safety: the root namespace's iptables are never touched (dockerd runs inside the namespaces, so it writes
# its rules there), no namespace gets a default route, and only processes, mounts and files that belong to
# the lab (under /var/lib/portal-lab, in its namespaces) are ever stopped, unmounted or removed.
set -euo pipefail

readonly LAB_ROOT=/var/lib/portal-lab
readonly HOSTS=(docker1 docker2)
# Brought up only when asked (--iptables=legacy): iptables-legacy and IPv6.
readonly EXTRA_HOST=docker3
readonly EXTRA_IPV6_CIDR=fd00:3::/64
readonly BRIDGE=labphys0
readonly BRIDGE_CIDR=10.20.30.1/24
readonly DOCKER_CLI=/usr/bin/docker
readonly BUSYBOX=/bin/busybox
readonly START_TIMEOUT=60
readonly STOP_TIMEOUT=20

log() { printf 'lab: %s\n' "$*" >&2; }
die() { log "error: $*"; exit 1; }

host_address() {
  case "$1" in
    docker1) echo 10.20.30.100 ;;
    docker2) echo 10.20.30.101 ;;
    docker3) echo 10.20.30.102 ;;
    fixcap) echo "" ;;   # lab/capture-fixtures.sh's private host: no cable to the bridge
    *) die "unknown host $1" ;;
  esac
}

host_dir() { echo "$LAB_ROOT/$1"; }
netns_path() { echo "/var/run/netns/$1"; }
# Root-namespace end of the host's cable into the physical bridge (15 characters at most).
veth_root() { echo "veth-$1"; }

docker_of() {
  local name=$1; shift
  "$DOCKER_CLI" -H "unix://$(host_dir "$name")/docker.sock" "$@"
}

in_netns() {
  local name=$1; shift
  nsenter --net="$(netns_path "$name")" "$@"
}

netns_exists() { [[ -e "$(netns_path "$1")" ]] && ip netns list | awk '{print $1}' | grep -qx "$1"; }

dockerd_pid() {
  local pidfile
  pidfile="$(host_dir "$1")/docker.pid"
  [[ -s "$pidfile" ]] || return 1
  local pid
  pid=$(<"$pidfile")
  [[ "$pid" =~ ^[0-9]+$ ]] || return 1
  [[ -d "/proc/$pid" ]] || return 1
  [[ "$(cat "/proc/$pid/comm" 2>/dev/null)" == dockerd ]] || return 1
  echo "$pid"
}

daemon_answers() {
  [[ -S "$(host_dir "$1")/docker.sock" ]] || return 1
  timeout 10 "$DOCKER_CLI" -H "unix://$(host_dir "$1")/docker.sock" version --format '{{.Server.Version}}' >/dev/null 2>&1
}

host_is_up() {
  netns_exists "$1" && dockerd_pid "$1" >/dev/null && daemon_answers "$1"
}

recorded_flags() {
  local file="$LAB_ROOT/flags"
  [[ -f "$file" ]] && cat "$file" || true
}

# docker3's own record: the flags it was started with (the shared flags plus its IPv6 ones).
extra_flags_file() { echo "$LAB_ROOT/flags-$EXTRA_HOST"; }

extra_asked() { [[ -f "$(extra_flags_file)" ]]; }

# dockerd 20.10 runs whatever `iptables`/`ip6tables` its PATH finds first (it never asks Debian's alternatives), so a
# folder of symlinks to the legacy binaries, first on its PATH, makes it write with iptables-legacy. The multi-call
# binary picks its mode from the name it is called by, and the link's name is "iptables", so the targets are the
# explicit -legacy names.
legacy_bin() {
  local dir
  dir="$(host_dir "$1")/legacy-bin"
  mkdir -p "$dir"
  local tool
  for tool in iptables iptables-save iptables-restore ip6tables ip6tables-save ip6tables-restore; do
    ln -sfn "/usr/sbin/${tool/tables/tables-legacy}" "$dir/$tool"
  done
  echo "$dir"
}

# The root namespace's rules, every backend and family, without counters: compared before and after each command.
root_rules() {
  local tool
  for tool in iptables-nft-save iptables-legacy-save ip6tables-nft-save ip6tables-legacy-save; do
    echo "## $tool"
    if command -v "$tool" >/dev/null 2>&1; then
      "$tool" 2>/dev/null | grep -v '^#' | sed -E 's/\[[0-9]+:[0-9]+\]//g' || true
    fi
  done
}

# ---------------------------------------------------------------------------------------------------------
# Cleanup of one host: used by `down` and before `up` rebuilds a host that is not healthy.

# Processes that belong to the lab, or to one of its hosts: container processes (their root is a vfs layer
# under the host's directory), and dockerd/containerd/shims/docker-proxy whose cwd or command line points
# under it or that live in its namespace. Anything else on the machine is left alone.
#   lab_processes DIR NAME...   (DIR: $LAB_ROOT or one host's directory; NAME: namespaces to match)
lab_processes() {
  local prefix=$1; shift
  local want_ns=() name ino
  for name in "$@"; do
    if [[ -e "$(netns_path "$name")" ]]; then
      ino=$(stat -L -c %i "$(netns_path "$name")" 2>/dev/null || true)
      [[ -n "$ino" ]] && want_ns+=("net:[$ino]")
    fi
  done
  local own_mnt proc pid comm mnt root cwd cmd netns ns
  own_mnt=$(readlink /proc/self/ns/mnt)
  for proc in /proc/[0-9]*; do
    pid=${proc#/proc/}
    [[ "$pid" == "$$" || "$pid" == "$BASHPID" ]] && continue
    { comm=$(<"$proc/comm"); } 2>/dev/null || continue
    # Zombies hold nothing; their parent reaps them.
    [[ "$(awk '/^State:/ { print $2; exit }' "$proc/status" 2>/dev/null)" == Z ]] && continue
    # A container process lives in a mount namespace of its own whose "/" is a vfs layer of the host
    # (readlink of /proc/PID/root only says "/" across mount namespaces; mountinfo names the source).
    mnt=$(readlink "$proc/ns/mnt" 2>/dev/null || true)
    if [[ -n "$mnt" && "$mnt" != "$own_mnt" ]]; then
      root=$(awk '$5 == "/" { print $4; exit }' "$proc/mountinfo" 2>/dev/null || true)
      if [[ "$root" == "$prefix"/* ]]; then echo "$pid"; continue; fi
    fi
    # Anything living in a lab namespace is the lab's (daemons, agents the tests started, their xtables-monitor).
    netns=$(readlink "$proc/ns/net" 2>/dev/null || true)
    for ns in "${want_ns[@]}"; do
      if [[ "$netns" == "$ns" ]]; then echo "$pid"; continue 2; fi
    done
    case "$comm" in
      dockerd|containerd|containerd-shim*|docker-proxy|runc) ;;
      *) continue ;;
    esac
    cwd=$(readlink "$proc/cwd" 2>/dev/null || true)
    cmd=$(tr '\0' ' ' <"$proc/cmdline" 2>/dev/null || true)
    if [[ "$cwd" == "$prefix" || "$cwd" == "$prefix"/* || "$cmd" == *"$prefix/"* ]]; then echo "$pid"; continue; fi
  done
}

kill_containers() {
  local name=$1 ids
  daemon_answers "$name" || return 0
  ids=$(docker_of "$name" ps -q 2>/dev/null || true)
  [[ -n "$ids" ]] || return 0
  # SIGKILL: a busybox sh as PID 1 ignores SIGTERM, and dockerd would wait 10 s for each one.
  # shellcheck disable=SC2086
  docker_of "$name" kill $ids >/dev/null 2>&1 || true
}

stop_dockerd() {
  local name=$1 pid waited=0
  pid=$(dockerd_pid "$name") || return 0
  kill_containers "$name"
  kill -TERM "$pid" 2>/dev/null || true
  while [[ -d "/proc/$pid" ]] && (( waited < STOP_TIMEOUT * 10 )); do
    sleep 0.1; waited=$((waited + 1))
  done
  if [[ -d "/proc/$pid" ]]; then
    log "$name: dockerd $pid ignored SIGTERM for ${STOP_TIMEOUT}s, killing it"
    kill -KILL "$pid" 2>/dev/null || true
  fi
}

# kill_leftovers DIR NAME...: see lab_processes. Leftovers of a crashed run get SIGKILL straight away:
# a container's PID 1 ignores SIGTERM, and their state is about to be deleted anyway.
kill_leftovers() {
  local pids i
  for i in 1 2 3; do
    pids=$(lab_processes "$@" | sort -u | tr '\n' ' ')
    [[ -n "${pids// /}" ]] || return 0
    log "killing leftover lab processes: $pids"
    # shellcheck disable=SC2086
    kill -KILL $pids 2>/dev/null || true
    sleep 0.3
  done
}

# Mount points under a directory, deepest first (mountinfo escapes spaces as \040).
mounts_under() {
  awk -v root="$1" '{ gsub(/\\040/, " ", $5); if ($5 == root || index($5, root "/") == 1) print $5 }' \
    /proc/self/mountinfo | awk '{ print length($0) "\t" $0 }' | sort -rn | cut -f2-
}

unmount_under() {
  local dir=$1 mp
  while IFS= read -r mp; do
    [[ -n "$mp" ]] || continue
    umount "$mp" 2>/dev/null || umount -l "$mp" 2>/dev/null || log "could not unmount $mp"
  done < <(mounts_under "$dir")
}

remove_host_dir() {
  local dir
  dir=$(host_dir "$1")
  [[ -d "$dir" ]] || return 0
  unmount_under "$dir"
  if [[ -n "$(mounts_under "$dir")" ]]; then
    die "mounts remain under $dir, not removing it"
  fi
  # --one-file-system: never follow a mount we failed to see into someone else's files.
  rm -rf --one-file-system "$dir"
}

delete_netns() {
  local name=$1
  if ip netns list | awk '{print $1}' | grep -qx "$name"; then
    ip netns delete "$name" 2>/dev/null || true
  fi
  # A namespace file left by a crashed run that ip no longer lists.
  if [[ -e "$(netns_path "$name")" ]]; then
    umount "$(netns_path "$name")" 2>/dev/null || umount -l "$(netns_path "$name")" 2>/dev/null || true
    rm -f "$(netns_path "$name")"
  fi
  ip link delete "$(veth_root "$name")" 2>/dev/null || true
}

clean_host() {
  local name=$1
  stop_dockerd "$name"
  kill_leftovers "$(host_dir "$name")" "$name"
  remove_host_dir "$name"
  delete_netns "$name"
}

# ---------------------------------------------------------------------------------------------------------
# Building the lab.

ensure_bridge() {
  if ! ip link show "$BRIDGE" >/dev/null 2>&1; then
    ip link add "$BRIDGE" type bridge
  fi
  ip addr replace "$BRIDGE_CIDR" dev "$BRIDGE"
  ip link set "$BRIDGE" up
}

ensure_netns() {
  local name=$1 addr vroot
  addr=$(host_address "$name")
  vroot=$(veth_root "$name")
  netns_exists "$name" || ip netns add "$name"
  ip -n "$name" link set lo up
  if ! ip -n "$name" link show eth0 >/dev/null 2>&1; then
    ip link delete "$vroot" 2>/dev/null || true
    ip link add "$vroot" type veth peer name "lab-$name"
    ip link set "lab-$name" netns "$name"
    ip -n "$name" link set "lab-$name" name eth0
  fi
  ip link set "$vroot" master "$BRIDGE"
  ip link set "$vroot" up
  ip -n "$name" addr replace "$addr/24" dev eth0
  ip -n "$name" link set eth0 up
  # The lab never routes anywhere but its own subnet.
  if ip -n "$name" route show default | grep -q . || ip -n "$name" -6 route show default | grep -q .; then
    die "$name has a default route; refusing to go on"
  fi
  # ICC=false must filter bridged traffic inside the namespace; the sysctl is per namespace.
  if [[ -e /proc/sys/net/bridge/bridge-nf-call-iptables ]]; then
    in_netns "$name" sysctl -qw net.bridge.bridge-nf-call-iptables=1 >/dev/null
  fi
  if [[ -e /proc/sys/net/bridge/bridge-nf-call-ip6tables ]]; then
    in_netns "$name" sysctl -qw net.bridge.bridge-nf-call-ip6tables=1 >/dev/null
  fi
}

start_dockerd() {
  local name=$1; shift
  local dir path=$PATH
  dir=$(host_dir "$name")
  mkdir -p "$dir/data" "$dir/exec"
  rm -f "$dir/docker.sock" "$dir/docker.pid"
  if [[ "$name" == "$EXTRA_HOST" ]]; then path="$(legacy_bin "$name"):$PATH"; fi
  log "$name: starting dockerd $*"
  # Started from the host's directory so that its children (containerd, docker-proxy) have their cwd
  # there too: that is how `down` recognises leftovers after a crash.
  (
    cd "$dir"
    # fd 9 is the lab lock: a daemon that inherited it would hold the lock for its whole life.
    exec 9>&-
    PATH=$path exec setsid nsenter --net="$(netns_path "$name")" dockerd \
      --data-root "$dir/data" --exec-root "$dir/exec" \
      -H "unix://$dir/docker.sock" --pidfile "$dir/docker.pid" \
      --storage-driver vfs "$@" </dev/null >>"$dir/dockerd.log" 2>&1
  ) &
  disown || true
}

wait_dockerd() {
  local name=$1 waited=0
  until daemon_answers "$name"; do
    if (( waited >= START_TIMEOUT * 10 )); then
      tail -n 20 "$(host_dir "$name")/dockerd.log" >&2 || true
      die "$name: dockerd did not answer within ${START_TIMEOUT}s (log: $(host_dir "$name")/dockerd.log)"
    fi
    sleep 0.1; waited=$((waited + 1))
  done
}

# A busybox image from Debian's busybox-static: no registry needed.
busybox_rootfs() {
  local dir="$LAB_ROOT/busybox-rootfs"
  if [[ ! -x "$dir/bin/busybox" ]]; then
    [[ -x "$BUSYBOX" ]] || die "$BUSYBOX missing: apt-get install busybox-static"
    rm -rf "$dir.tmp"
    mkdir -p "$dir.tmp"/{bin,sbin,usr/bin,usr/sbin,etc,tmp,root,proc,sys,dev}
    chmod 1777 "$dir.tmp/tmp"
    cp "$BUSYBOX" "$dir.tmp/bin/busybox"
    local applet
    while IFS= read -r applet; do
      [[ -n "$applet" && "$applet" != bin/busybox ]] || continue
      mkdir -p "$dir.tmp/$(dirname "$applet")"
      ln -sf /bin/busybox "$dir.tmp/$applet"
    done < <("$BUSYBOX" --list-full)
    printf 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/bin/false\n' >"$dir.tmp/etc/passwd"
    printf 'root:x:0:\nnogroup:x:65534:\n' >"$dir.tmp/etc/group"
    mv "$dir.tmp" "$dir"
  fi
  echo "$dir"
}

ensure_busybox() {
  local name=$1 rootfs
  docker_of "$name" image inspect busybox:latest >/dev/null 2>&1 && return 0
  rootfs=$(busybox_rootfs)
  tar -C "$rootfs" -c . | docker_of "$name" import -c 'CMD ["/bin/sh"]' - busybox:latest >/dev/null
  log "$name: imported busybox:latest"
}

# ---------------------------------------------------------------------------------------------------------
# Commands.

cmd_up() {
  [[ $EUID -eq 0 ]] || die "run as root"
  local legacy=0 arg daemon_flags=()
  for arg in "$@"; do
    case "$arg" in
      --iptables=legacy) legacy=1 ;;
      --iptables=nft|--iptables=nf_tables) ;;   # docker1 and docker2 already write with nf_tables
      --iptables=*) die "unknown lab option $arg (--iptables=legacy adds $EXTRA_HOST)" ;;
      *) daemon_flags+=("$arg") ;;
    esac
  done
  set -- "${daemon_flags[@]}"
  up_shared "$@"
  if (( legacy == 1 )) || extra_asked; then up_extra; fi
  cmd_status
}

# docker1 and docker2, exactly as before docker3 existed.
up_shared() {
  local flags="$*" up_hosts=() name
  for name in "${HOSTS[@]}"; do
    if host_is_up "$name"; then up_hosts+=("$name"); fi
  done
  if (( ${#up_hosts[@]} == ${#HOSTS[@]} )); then
    ensure_bridge
    for name in "${HOSTS[@]}"; do ensure_netns "$name"; ensure_busybox "$name"; done
    if [[ "$flags" != "$(recorded_flags)" ]]; then
      log "already up with flags '$(recorded_flags)'; not restarting (run down first to change flags)"
    else
      log "already up"
    fi
    return 0
  fi
  # Hosts already answering keep running with their flags; a partial lab rebuilds only what is broken.
  if (( ${#up_hosts[@]} > 0 )) && [[ "$flags" != "$(recorded_flags)" ]]; then
    log "warning: ${up_hosts[*]} keep flags '$(recorded_flags)'"
    flags=$(recorded_flags)
    set -- $flags
  fi
  mkdir -p "$LAB_ROOT"
  printf '%s' "$flags" >"$LAB_ROOT/flags"
  ensure_bridge
  local starting=()
  for name in "${HOSTS[@]}"; do
    if host_is_up "$name"; then continue; fi
    clean_host "$name"
    ensure_netns "$name"
    start_dockerd "$name" "$@"
    starting+=("$name")
  done
  for name in "${starting[@]}"; do wait_dockerd "$name"; done
  for name in "${HOSTS[@]}"; do ensure_netns "$name"; ensure_busybox "$name"; done
}

# docker3: the shared hosts' flags plus IPv6, and iptables-legacy through its PATH (legacy_bin). Once asked for, it
# is recorded, so a later plain `up` repairs it too and `status` counts it.
up_extra() {
  local name=$EXTRA_HOST flags
  # shellcheck disable=SC2086
  flags="$(recorded_flags) --ipv6 --fixed-cidr-v6 $EXTRA_IPV6_CIDR --ip6tables --experimental"
  flags=${flags# }
  ensure_bridge
  if host_is_up "$name"; then
    ensure_netns "$name"; ensure_busybox "$name"
    log "$name: already up"
    return 0
  fi
  clean_host "$name"
  ensure_netns "$name"
  printf '%s' "$flags" >"$(extra_flags_file)"
  # shellcheck disable=SC2086
  start_dockerd "$name" $flags
  wait_dockerd "$name"
  ensure_netns "$name"
  ensure_busybox "$name"
}

cmd_down() {
  [[ $EUID -eq 0 ]] || die "run as root"
  local name all=("${HOSTS[@]}" "$EXTRA_HOST")
  for name in "${all[@]}"; do stop_dockerd "$name"; done
  kill_leftovers "$LAB_ROOT" "${all[@]}"
  for name in "${all[@]}"; do
    remove_host_dir "$name"
    delete_netns "$name"
  done
  ip link delete "$BRIDGE" 2>/dev/null || true
  if [[ -d "$LAB_ROOT" ]]; then
    unmount_under "$LAB_ROOT"
    [[ -z "$(mounts_under "$LAB_ROOT")" ]] || die "mounts remain under $LAB_ROOT"
    # portal.db of the demo and the busybox rootfs cache go too: down means a fresh lab next time.
    rm -rf --one-file-system "$LAB_ROOT"
  fi
  log "down"
}

# Restarts one host's dockerd the way a host restarts its daemon: SIGTERM (dockerd stops its containers), then
# the same daemon again with the recorded flags on the same data. Containers with a restart policy come back.
cmd_restart_daemon() {
  local name=${1:-} pid waited=0 flags
  [[ " ${HOSTS[*]} $EXTRA_HOST " == *" $name "* ]] || die "restart-daemon needs a lab host: ${HOSTS[*]} $EXTRA_HOST"
  pid=$(dockerd_pid "$name") || die "$name: dockerd is not running"
  kill -TERM "$pid" 2>/dev/null || true
  while [[ -d "/proc/$pid" ]] && (( waited < (STOP_TIMEOUT + 15) * 10 )); do
    sleep 0.1; waited=$((waited + 1))
  done
  [[ ! -d "/proc/$pid" ]] || die "$name: dockerd $pid did not stop"
  flags=$(recorded_flags)
  if [[ "$name" == "$EXTRA_HOST" ]]; then flags=$(<"$(extra_flags_file)"); fi
  # shellcheck disable=SC2086
  start_dockerd "$name" $flags
  wait_dockerd "$name"
  log "$name: dockerd restarted with flags '$flags'"
}

cmd_status() {
  local name all_up=0 pid version
  echo "flags: $(recorded_flags)"
  if ip link show "$BRIDGE" >/dev/null 2>&1; then
    echo "bridge $BRIDGE: $(ip -br addr show "$BRIDGE" | awk '{print $2, $3}')"
  else
    echo "bridge $BRIDGE: missing"; all_up=1
  fi
  for name in "${HOSTS[@]}"; do
    if host_is_up "$name"; then
      pid=$(dockerd_pid "$name")
      version=$(docker_of "$name" version --format '{{.Server.Version}}' 2>/dev/null || echo '?')
      echo "$name: up  address $(host_address "$name")  dockerd $version pid $pid  socket unix://$(host_dir "$name")/docker.sock"
    else
      echo "$name: down"; all_up=1
    fi
  done
  if extra_asked; then
    name=$EXTRA_HOST
    if host_is_up "$name"; then
      version=$(docker_of "$name" version --format '{{.Server.Version}}' 2>/dev/null || echo '?')
      echo "$name: up  address $(host_address "$name")  dockerd $version pid $(dockerd_pid "$name")  iptables legacy, IPv6 $EXTRA_IPV6_CIDR  socket unix://$(host_dir "$name")/docker.sock"
    else
      echo "$name: down"; all_up=1
    fi
  fi
  if (( all_up == 0 )); then echo "lab: up"; else echo "lab: down"; fi
  return $all_up
}

# One lab command at a time: test assemblies may call `up` at once. The lock lives outside LAB_ROOT,
# which `down` deletes.
take_lock() {
  exec 9>/run/lock/portal-lab.lock
  flock -w 300 9 || die "another lab command holds /run/lock/portal-lab.lock"
}

main() {
  local cmd=${1:-}
  shift || true
  case "$cmd" in
    up|down|restart-daemon) take_lock ;;
  esac
  local before=
  case "$cmd" in
    up|down|restart-daemon) before=$(root_rules) ;;
  esac
  case "$cmd" in
    up) cmd_up "$@" ;;
    down) cmd_down ;;
    status) cmd_status ;;
    restart-daemon) cmd_restart_daemon "$@" ;;
    *) echo "usage: $0 up [--iptables=legacy] [dockerd flags...] | down | status | restart-daemon HOST" >&2; exit 2 ;;
  esac
  # The lab must never touch the machine's own rules, in any backend or family.
  if [[ -n "$before" && "$before" != "$(root_rules)" ]]; then
    die "the root namespace's iptables/ip6tables (nft or legacy) changed during '$cmd'"
  fi
}

# lab/capture-fixtures.sh sources this file for its helpers.
if [[ "${BASH_SOURCE[0]}" == "$0" ]]; then
  main "$@"
fi
