#!/usr/bin/env bash
# The agent's idle cost, from the publish output (no images): resident memory, CPU and threads of a connected agent
# on a quiet host.
#
#   bench/agent-idle.sh [runs=3] [settle=30] [seconds=60]
#
# Starts the published server (artifacts/server) on a free port of 10.20.30.1 with a SQLite file of its own,
# registers host docker2, starts three containers there (web with a published port, a client linked to it, a
# sleeper), then per run: starts the published agent (artifacts/host) in docker2's network namespace exactly as the
# lab tests do, waits until the server reports the host online, lets it settle, and reads the agent's own
# /proc/<pid>/status (VmRSS, RssAnon, RssFile, Threads) and /proc/<pid>/stat (utime + stime) at the start and end
# of a quiet interval. Prints each run and the medians.
#
# Environment:
#   AGENT           the agent to run: an executable or a .dll (run with dotnet); default artifacts/host/Portal.Host (native)
#   AGENT_ENV       extra VAR=value words for the agent's environment, e.g. "DOTNET_TieredPGO=0"; variants to compare
#                   are separated by ';' ("; DOTNET_TieredPGO=0" measures the defaults, then TieredPGO off), each
#                   with its own runs, against the same server
#
# Needs the lab (lab/lab.sh up --icc=false) and both publish outputs. Holds the portal stack lock
# (/run/lock/portal-stack.lock, as tests/Portal.Lab/Stack/StackLock.cs) for its whole run so that no lab test runs
# a second portal at the same time, and stops everything it started on any exit.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
repo=$(pwd)
runs=${1:-3} settle=${2:-30} seconds=${3:-60}
readonly HOST=docker2 ADDRESS=10.20.30.1 LAB_DIR=/var/lib/portal-lab DOCKER_CLI=/usr/bin/docker
readonly NAMESPACE=/var/run/netns/$HOST ENDPOINT=unix://$LAB_DIR/$HOST/docker.sock LOCK=/run/lock/portal-stack.lock
agent=${AGENT:-$repo/artifacts/host/Portal.Host}
agent_env=()
docker=("$DOCKER_CLI" -H "$ENDPOINT")
containers=(idle-web idle-client idle-sleeper)

log() { printf 'agent-idle: %s\n' "$*" >&2; }
die() { log "error: $*"; exit 1; }

[[ -f $repo/artifacts/server/Portal.Server.dll ]] || die "publish the server first (dotnet publish Portal.Server/Portal.Server.csproj -c Release -o artifacts/server)"
[[ -e $agent ]] || die "no agent at $agent (dotnet publish Portal.Host/Portal.Host.csproj -c Release -o artifacts/host)"
[[ -e $NAMESPACE ]] || die "the lab is not up (lab/lab.sh up --icc=false)"

work=$(mktemp -d /tmp/agent-idle-XXXXXX)
server_pid='' agent_pid=''

stop_agent() {
  [[ -n $agent_pid ]] || return 0
  # Its children (xtables-monitor) by pid: they must not outlive it, whatever way it ends.
  local children
  children=$(cat "/proc/$agent_pid/task/"*/children 2>/dev/null || true)
  kill -TERM "$agent_pid" 2>/dev/null || true
  for _ in $(seq 1 50); do kill -0 "$agent_pid" 2>/dev/null || break; sleep 0.1; done
  kill -KILL "$agent_pid" 2>/dev/null || true
  wait "$agent_pid" 2>/dev/null || true
  local child
  for child in $children; do
    [[ $(cat "/proc/$child/comm" 2>/dev/null) == @(xtables-monitor|stdbuf) ]] || continue
    log "killing the agent's leftover child $child ($(cat "/proc/$child/comm" 2>/dev/null))"
    kill -KILL "$child" 2>/dev/null || true
  done
  agent_pid=''
}

cleanup() {
  local rc=$?
  trap - INT TERM EXIT
  stop_agent
  if [[ -n $server_pid ]]; then
    kill -TERM "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
  fi
  "${docker[@]}" rm -f "${containers[@]}" >/dev/null 2>&1 || true
  [[ $rc == 0 ]] || log "logs kept in $work"
  [[ $rc != 0 ]] || rm -rf "$work"
  exit "$rc"
}
trap cleanup INT TERM EXIT

log "waiting for the portal stack lock"
# Fd 9 is the lock: every process started below closes it (9>&-), so none can hold the lock after this script.
exec 9<>"$LOCK"
flock -w 900 9 || die "the portal stack lock stayed taken for 15 minutes"

free_port() {
  local port
  while true; do
    port=$((20000 + RANDOM % 40000))
    ss -Hltn "sport = :$port" | grep -q . || { echo "$port"; return; }
  done
}

port=$(free_port)
base="http://$ADDRESS:$port"
jar="$work/cookies.txt"
password="Idle-$(head -c 12 /dev/urandom | base64 | tr -dc 'A-Za-z0-9')-9"

api() {
  local method=$1 path=$2 body=${3:-} answer status
  answer=$(curl -sS -X "$method" -b "$jar" -c "$jar" -H 'Content-Type: application/json' -H 'X-Requested-With: XMLHttpRequest' ${body:+-d "$body"} \
    -w '\n%{http_code}' "$base$path")
  status=${answer##*$'\n'}
  answer=${answer%$'\n'*}
  [[ $status == 2* ]] || die "$method $path answered $status: $answer"
  printf '%s' "$answer"
}

log "server on $base (log $work/server.log)"
(
  cd "$repo/artifacts/server"
  Portal__Database="$work/portal.db" Portal__AllowInsecureHttp=true Portal__Bootstrap__AdminUser=admin Portal__Bootstrap__AdminPassword="$password" \
    ASPNETCORE_ENVIRONMENT=Production exec dotnet Portal.Server.dll --urls "$base"
) >"$work/server.log" 2>&1 9>&- &
server_pid=$!
for _ in $(seq 1 120); do
  curl -fsS "$base/healthz" >/dev/null 2>&1 && break
  kill -0 "$server_pid" 2>/dev/null || { tail -n 30 "$work/server.log" >&2; die "server exited"; }
  sleep 0.5
done
api POST /api/auth/login "$(jq -nc --arg p "$password" '{userName: "admin", password: $p}')" >/dev/null
# The bootstrap admin's first step is its own password change (the server refuses everything else until then).
api POST /api/auth/password "$(jq -nc --arg c "$password" --arg n "$password-2" '{currentPassword: $c, newPassword: $n}')" >/dev/null
token=$(api POST /api/hosts "$(jq -nc --arg n "$HOST" '{name: $n}')" | jq -r .token)

"${docker[@]}" rm -f "${containers[@]}" >/dev/null 2>&1 || true
"${docker[@]}" run -d --name idle-web -p 18080:80 busybox httpd -f -p 80 >/dev/null
"${docker[@]}" run -d --name idle-client --link idle-web:web busybox sleep 86400 >/dev/null
"${docker[@]}" run -d --name idle-sleeper busybox sleep 86400 >/dev/null
log "$HOST: $("${docker[@]}" ps -q | wc -l) containers running"

online() { api GET /api/hosts | jq -e --arg n "$HOST" '.[] | select(.name == $n and .online == true)' >/dev/null; }

start_agent() {
  local command=("$agent")
  [[ $agent != *.dll ]] || command=(dotnet "$agent")
  # nsenter and env exec, so $! is the agent's own process.
  nsenter --net="$NAMESPACE" env PORTAL_AGENT_TOKEN="$token" PORTAL_AGENT_STATE="$work/agent-$HOST" "${agent_env[@]}" \
    "${command[@]}" run --server "$base" --docker "$ENDPOINT" --host "$HOST" --allow-insecure-http >>"$work/agent.log" 2>&1 9>&- &
  agent_pid=$!
  for _ in $(seq 1 120); do
    online && return 0
    kill -0 "$agent_pid" 2>/dev/null || { tail -n 30 "$work/agent.log" >&2; die "agent exited"; }
    sleep 0.5
  done
  tail -n 30 "$work/agent.log" >&2
  die "host $HOST did not come online"
}

status_kib() { awk -v k="$1:" '$1 == k { print $2 }' "/proc/$agent_pid/status"; }
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$agent_pid/stat"; }
hz=$(getconf CLK_TCK)
median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

# One variant: $runs fresh agents with the environment words in $1, each measured over a quiet interval.
measure() {
  read -r -a agent_env <<<"$1"
  local results="$work/results" run
  : >"$results"
  log "agent: ${agent_env[*]} $agent"
  for run in $(seq 1 "$runs"); do
    start_agent
    sleep "$settle"
    local rss0 cpu0 rss1 cpu1 anon file shmem threads events
    local since=$(date +%s.%N)
    rss0=$(status_kib VmRSS) cpu0=$(cpu_ticks)
    sleep "$seconds"
    rss1=$(status_kib VmRSS) cpu1=$(cpu_ticks)
    anon=$(status_kib RssAnon) file=$(status_kib RssFile) shmem=$(status_kib RssShmem) threads=$(status_kib Threads)
    online || die "host $HOST went offline during the run"
    # Quiet means quiet: the engine's events in the interval are counted (the lab is shared).
    events=$("${docker[@]}" events --since "$since" --until "$(date +%s.%N)" --format '{{.Action}}' | wc -l)
    awk -v run="$run" -v r0="$rss0" -v r1="$rss1" -v a="$anon" -v f="$file" -v m="$shmem" -v t="$threads" -v c0="$cpu0" -v c1="$cpu1" \
      -v hz="$hz" -v s="$seconds" -v e="$events" -v comm="$(cat "/proc/$agent_pid/comm")" 'BEGIN {
        cpu = (c1 - c0) / hz
        printf "run %d: %s, %d threads, VmRSS %.1f MiB at start, %.1f MiB after %d s (anon %.1f, file %.1f, shmem %.1f), CPU %.2f s = %.2f%% of one core, %d engine events\n",
          run, comm, t, r0 / 1024, r1 / 1024, s, a / 1024, f / 1024, m / 1024, cpu, 100 * cpu / s, e
      }'
    printf '%s %s %s %s %s %s %s %s\n' "$rss0" "$rss1" "$anon" "$file" "$shmem" "$((cpu1 - cpu0))" "$threads" "$events" >>"$results"
    stop_agent
  done

  # The medians are of the quiet runs (no engine event in the interval); of all runs only when none was quiet.
  local quiet
  quiet=$(awk '$8 == 0' "$results" | wc -l)
  [[ $quiet == 0 ]] || awk '$8 == 0' "$results" >"$results.quiet"
  [[ $quiet != 0 ]] || cp "$results" "$results.quiet"
  col() { awk -v c="$1" '{ print $c }' "$results.quiet" | median; }
  awk -v q="$quiet" -v r0="$(col 1)" -v r1="$(col 2)" -v a="$(col 3)" -v f="$(col 4)" -v m="$(col 5)" -v c="$(col 6)" -v t="$(col 7)" -v hz="$hz" -v s="$seconds" -v n="$runs" -v v="${1:-(defaults)}" 'BEGIN {
    printf "median of %d (%d quiet) [%s]: VmRSS %.1f MiB at start, %.1f MiB at end (anon %.1f, file %.1f, shmem %.1f), CPU %.2f%% of one core, %d threads\n",
      n, q, v, r0 / 1024, r1 / 1024, a / 1024, f / 1024, m / 1024, 100 * c / hz / s, t
  }'
}

IFS=';' read -r -a variants <<<"${AGENT_ENV:-}"
[[ ${#variants[@]} -gt 0 ]] || variants=('')
for variant in "${variants[@]}"; do
  measure "$variant"
done
