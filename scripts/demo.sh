#!/usr/bin/env bash
# Runs the portal against the two-host lab, with a few containers to look at.
#
#   scripts/demo.sh            lab mode: server on http://10.20.30.1:5080, one agent in each lab host
#   scripts/demo.sh --local    local mode: server on http://127.0.0.1:5080, one agent on this machine's
#                              own Docker (/var/run/docker.sock); no lab, no demo containers
#
# Prints the URL and the admin password, then runs until Ctrl-C, which stops the agents and the server
# and (lab mode) takes the lab down. PORTAL_KEEP_LAB=1 leaves the lab up; PORTAL_DEMO_CONTAINERS=0 starts
# no demo containers (for a lab shared with running tests).
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
repo=$(pwd)
mode=lab
case "${1:-}" in
  --local) mode=local ;;
  "") ;;
  *) echo "usage: $0 [--local]" >&2; exit 2 ;;
esac

readonly PORT=5080
readonly LAB_DIR=/var/lib/portal-lab
readonly DOCKER_CLI=/usr/bin/docker
work="$repo/artifacts/demo"
jar="$work/cookies.txt"
pids=()

log() { printf 'demo: %s\n' "$*" >&2; }
die() { log "error: $*"; exit 1; }

stop_all() {
  local rc=$?
  trap - INT TERM EXIT
  log "stopping"
  local pid
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  if [[ $mode == lab && "${PORTAL_KEEP_LAB:-0}" != 1 ]]; then
    lab/lab.sh down || true
  fi
  exit "$rc"
}

# POST with the session cookie; answers the body, fails loudly with the server's ProblemDetails.
api_post() {
  local path=$1 body=$2 answer status
  answer=$(curl -sS -b "$jar" -c "$jar" -H 'Content-Type: application/json' -H 'X-Requested-With: demo' -d "$body" \
    -w '\n%{http_code}' "$base$path")
  status=${answer##*$'\n'}
  answer=${answer%$'\n'*}
  [[ $status == 2* ]] || die "POST $path answered $status: $answer"
  printf '%s' "$answer"
}

start_agent() {
  local name=$1 endpoint=$2 token=$3
  shift 3
  log "agent $name -> $endpoint"
  # --host: the agent names itself after the machine otherwise, and the server checks the name against the token.
  # The token goes through the environment, not the command line (ps shows command lines to every user).
  PORTAL_AGENT_TOKEN="$token" "$@" "$repo/artifacts/host/Portal.Host" run --server "$base" --docker "$endpoint" --host "$name" \
    >"$work/agent-$name.log" 2>&1 &
  pids+=($!)
}

scripts/install-deps.sh
command -v jq >/dev/null || die "jq missing"

log "publishing server and agent"
dotnet publish Portal.Server/Portal.Server.csproj -c Release -o artifacts/server -nologo -v quiet
dotnet publish Portal.Host/Portal.Host.csproj -c Release -o artifacts/host -nologo -v quiet
mkdir -p "$work"
rm -f "$jar"

trap stop_all INT TERM EXIT

if [[ $mode == lab ]]; then
  lab/lab.sh up --icc=false
  address=10.20.30.1
  database="$LAB_DIR/portal.db"
else
  [[ -S /var/run/docker.sock ]] || die "no /var/run/docker.sock: start this machine's Docker first"
  address=127.0.0.1
  database="$work/portal.db"
fi
base="http://$address:$PORT"
# A fresh database each time: host tokens are shown once, so an old database would hold hosts whose
# tokens nobody knows.
rm -f "$database" "$database-wal" "$database-shm"
password="Demo-$(head -c 12 /dev/urandom | base64 | tr -dc 'A-Za-z0-9')-9"

log "server on $base"
(
  # The content root is the current directory: wwwroot must be found next to the published server.
  cd "$repo/artifacts/server"
  Portal__Database="$database" Portal__Bootstrap__AdminPassword="$password" \
    exec ./Portal.Server --urls "$base"
) >"$work/server.log" 2>&1 &
pids+=($!)

for _ in $(seq 1 120); do
  curl -fsS "$base/healthz" >/dev/null 2>&1 && break
  kill -0 "${pids[0]}" 2>/dev/null || { tail -n 30 "$work/server.log" >&2; die "server exited"; }
  sleep 0.5
done
curl -fsS "$base/healthz" >/dev/null || die "server did not answer $base/healthz (log: $work/server.log)"

api_post /api/auth/login "$(jq -nc --arg p "$password" '{userName: "admin", password: $p}')" >/dev/null

if [[ $mode == lab ]]; then
  for name in docker1 docker2; do
    token=$(api_post /api/hosts "$(jq -nc --arg n "$name" '{name: $n}')" | jq -r .token)
    # The agent's history outbox lives and dies with the lab (a real host keeps /var/lib/portal-agent across restarts).
    start_agent "$name" "unix://$LAB_DIR/$name/docker.sock" "$token" \
      env PORTAL_AGENT_STATE="$LAB_DIR/agent-$name" nsenter --net="/var/run/netns/$name"
  done
  # The classic picture: web on both hosts, both at 172.17.0.2, and a client linked to web.
  [[ "${PORTAL_DEMO_CONTAINERS:-1}" == 0 ]] && demo_hosts=() || demo_hosts=(docker1 docker2)
  for name in "${demo_hosts[@]}"; do
    docker=("$DOCKER_CLI" -H "unix://$LAB_DIR/$name/docker.sock")
    "${docker[@]}" rm -f client web >/dev/null 2>&1 || true
    "${docker[@]}" run -d --name web -p 8080:80 --expose 9000 busybox httpd -f -p 80 >/dev/null
    "${docker[@]}" run -d --name client --link web:web busybox sleep 86400 >/dev/null
    log "$name: web at $("${docker[@]}" inspect -f '{{.NetworkSettings.IPAddress}}' web), client linked to it"
  done
else
  name=$(hostname -s)
  token=$(api_post /api/hosts "$(jq -nc --arg n "$name" '{name: $n}')" | jq -r .token)
  start_agent "$name" unix:///var/run/docker.sock "$token"
fi

cat <<EOM

  Portal:   $base
  User:     admin
  Password: $password
  Logs:     $work/

  Ctrl-C stops everything.
EOM
wait "${pids[0]}"
