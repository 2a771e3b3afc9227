#!/usr/bin/env bash
# The agent's cost of watching flows: its CPU while a fixed rate of new TCP connections crosses the host, against the
# same agent's CPU on the same host without them, and whether every connection reached the flow edge.
#
#   bench/agent-flows.sh [runs=3] [rate=1000] [seconds=30] [settle=15]
#
# Starts the published server (artifacts/server) on a free port of 10.20.30.1 with a SQLite file of its own, registers
# host docker2, makes a network with two busybox containers there (flowbench-srv, flowbench-cli) and runs
# bench/flow-load.py's listener in the server container's network namespace. Per run: starts the published agent
# (artifacts/host) in docker2's namespace as the lab tests do, waits until the host is online and settles, reads the
# agent's /proc/<pid>/stat (utime + stime) over a quiet interval, then over an interval in which flow-load.py, in the
# client container's namespace, opens and resets RATE connections per second to the listener; then reads the edge
# flowbench-cli -> flowbench-srv:7100 from GET /api/hosts/docker2/flows and compares its count with the connections
# made. Prints each run and the medians.
#
# Needs the lab (lab/lab.sh up --icc=false), both publish outputs and python3. Holds the portal stack lock
# (/run/lock/portal-stack.lock, as tests/Portal.Lab/Stack/StackLock.cs) for its whole run, and stops everything it
# started on any exit.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
repo=$(pwd)
runs=${1:-3} rate=${2:-1000} seconds=${3:-30} settle=${4:-15}
readonly HOST=docker2 ADDRESS=10.20.30.1 LAB_DIR=/var/lib/portal-lab DOCKER_CLI=/usr/bin/docker PORT=7100
readonly NAMESPACE=/var/run/netns/$HOST ENDPOINT=unix://$LAB_DIR/$HOST/docker.sock LOCK=/run/lock/portal-stack.lock
readonly NETWORK=flowbench-net SERVER=flowbench-srv CLIENT=flowbench-cli
agent=$repo/artifacts/host/Portal.Host
docker=("$DOCKER_CLI" -H "$ENDPOINT")

log() { printf 'agent-flows: %s\n' "$*" >&2; }
die() { log "error: $*"; exit 1; }

[[ -f $repo/artifacts/server/Portal.Server.dll ]] || die "publish the server first (dotnet publish Portal.Server/Portal.Server.csproj -c Release -o artifacts/server)"
[[ -e $agent ]] || die "no agent at $agent (dotnet publish Portal.Host/Portal.Host.csproj -c Release -o artifacts/host)"
[[ -e $NAMESPACE ]] || die "the lab is not up (lab/lab.sh up --icc=false)"

work=$(mktemp -d /tmp/agent-flows-XXXXXX)
server_pid='' agent_pid='' listener_pid=''

stop_agent() {
  [[ -n $agent_pid ]] || return 0
  local children
  children=$(cat "/proc/$agent_pid/task/"*/children 2>/dev/null || true)
  kill -TERM "$agent_pid" 2>/dev/null || true
  for _ in $(seq 1 50); do kill -0 "$agent_pid" 2>/dev/null || break; sleep 0.1; done
  kill -KILL "$agent_pid" 2>/dev/null || true
  wait "$agent_pid" 2>/dev/null || true
  local child
  for child in $children; do
    [[ $(cat "/proc/$child/comm" 2>/dev/null) == @(xtables-monitor|stdbuf) ]] || continue
    kill -KILL "$child" 2>/dev/null || true
  done
  agent_pid=''
}

cleanup() {
  local rc=$?
  trap - INT TERM EXIT
  stop_agent
  [[ -z $listener_pid ]] || { kill -TERM "$listener_pid" 2>/dev/null || true; wait "$listener_pid" 2>/dev/null || true; }
  if [[ -n $server_pid ]]; then
    kill -TERM "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
  fi
  "${docker[@]}" rm -f "$SERVER" "$CLIENT" >/dev/null 2>&1 || true
  "${docker[@]}" network rm "$NETWORK" >/dev/null 2>&1 || true
  [[ $rc == 0 ]] || log "logs kept in $work"
  [[ $rc != 0 ]] || rm -rf "$work"
  exit "$rc"
}
trap cleanup INT TERM EXIT

log "waiting for the portal stack lock"
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
password="Flows-$(head -c 12 /dev/urandom | base64 | tr -dc 'A-Za-z0-9')-9"

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
api POST /api/auth/password "$(jq -nc --arg c "$password" --arg n "$password-2" '{currentPassword: $c, newPassword: $n}')" >/dev/null
token=$(api POST /api/hosts "$(jq -nc --arg n "$HOST" '{name: $n}')" | jq -r .token)

"${docker[@]}" rm -f "$SERVER" "$CLIENT" >/dev/null 2>&1 || true
"${docker[@]}" network rm "$NETWORK" >/dev/null 2>&1 || true
"${docker[@]}" network create "$NETWORK" >/dev/null
"${docker[@]}" run -d --name "$SERVER" --network "$NETWORK" busybox sleep 86400 >/dev/null
"${docker[@]}" run -d --name "$CLIENT" --network "$NETWORK" busybox sleep 86400 >/dev/null
server_ip=$("${docker[@]}" inspect -f "{{(index .NetworkSettings.Networks \"$NETWORK\").IPAddress}}" "$SERVER")
pid_of() { "${docker[@]}" inspect -f '{{.State.Pid}}' "$1"; }
nsenter --net="/proc/$(pid_of "$SERVER")/ns/net" python3 "$repo/bench/flow-load.py" serve "$PORT" 9>&- &
listener_pid=$!
log "$HOST: listener on $server_ip:$PORT in $SERVER, generator in $CLIENT"

online() { api GET /api/hosts | jq -e --arg n "$HOST" '.[] | select(.name == $n and .online == true)' >/dev/null; }

start_agent() {
  nsenter --net="$NAMESPACE" env PORTAL_AGENT_TOKEN="$token" PORTAL_AGENT_STATE="$work/agent-$HOST" \
    "$agent" run --server "$base" --docker "$ENDPOINT" --host "$HOST" --allow-insecure-http >>"$work/agent.log" 2>&1 9>&- &
  agent_pid=$!
  for _ in $(seq 1 120); do
    online && return 0
    kill -0 "$agent_pid" 2>/dev/null || { tail -n 30 "$work/agent.log" >&2; die "agent exited"; }
    sleep 0.5
  done
  tail -n 30 "$work/agent.log" >&2
  die "host $HOST did not come online"
}

cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$agent_pid/stat"; }
edge_count() {
  api GET "/api/hosts/$HOST/flows" | jq --arg f "$CLIENT" --arg t "$SERVER" --argjson p "$PORT" \
    '[.[] | select(.from == $f and .to == $t and .port == $p and .proto == "tcp") | .count] | add // 0'
}
hz=$(getconf CLK_TCK)
median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
results="$work/results"
: >"$results"

for run in $(seq 1 "$runs"); do
  start_agent
  sleep "$settle"
  load0=$(cut -d' ' -f1 /proc/loadavg)
  idle0=$(cpu_ticks); sleep "$seconds"; idle1=$(cpu_ticks)
  before=$(edge_count)
  cpu0=$(cpu_ticks)
  read -r made failed elapsed < <(nsenter --net="/proc/$(pid_of "$CLIENT")/ns/net" python3 "$repo/bench/flow-load.py" connect "$server_ip" "$PORT" "$rate" "$seconds" 9>&-)
  cpu1=$(cpu_ticks)
  rss=$(awk '$1 == "VmRSS:" { print $2 }' "/proc/$agent_pid/status")
  sleep 3
  after=$(edge_count)
  overruns=$(grep -c 'Conntrack events were lost' "$work/agent.log" || true)
  load1=$(cut -d' ' -f1 /proc/loadavg)
  awk -v run="$run" -v i0="$idle0" -v i1="$idle1" -v c0="$cpu0" -v c1="$cpu1" -v hz="$hz" -v s="$seconds" -v e="$elapsed" \
    -v m="$made" -v f="$failed" -v seen=$((after - before)) -v r="$rss" -v o="$overruns" -v l0="$load0" -v l1="$load1" 'BEGIN {
      printf "run %d: quiet %.2f%% of one core; %d connections in %.1f s (%.0f/s, %d failed): %.2f%% of one core, VmRSS %.1f MiB; edge count +%d (%.2f%% of made), overrun logs %d; load %s -> %s\n",
        run, 100 * (i1 - i0) / hz / s, m, e, m / e, f, 100 * (c1 - c0) / hz / e, r / 1024, seen, 100 * seen / m, o, l0, l1
    }'
  printf '%s %s %s %s\n' "$(awk -v a="$idle0" -v b="$idle1" -v hz="$hz" -v s="$seconds" 'BEGIN { print 100 * (b - a) / hz / s }')" \
    "$(awk -v a="$cpu0" -v b="$cpu1" -v hz="$hz" -v e="$elapsed" 'BEGIN { print 100 * (b - a) / hz / e }')" \
    "$(awk -v m="$made" -v e="$elapsed" 'BEGIN { print m / e }')" "$(awk -v m="$made" -v s=$((after - before)) 'BEGIN { print 100 * s / m }')" >>"$results"
  stop_agent
done

col() { awk -v c="$1" '{ print $c }' "$results" | median; }
printf 'median of %d: quiet %.2f%% of one core; under %.0f connections/s %.2f%% of one core; %.2f%% of the connections counted on the edge\n' \
  "$runs" "$(col 1)" "$(col 3)" "$(col 2)" "$(col 4)"
