#!/usr/bin/env bash
# The fleet simulator against two server replicas: a private PostgreSQL cluster and a private Redis on loopback
# (scripts/postgres.sh and scripts/redis.sh, on ports of their own so no test's instances are touched), a fresh
# database, two published servers (artifacts/server) on 127.0.0.1:5181 and :5182 sharing both, then the simulator
# with agents and browsers spread over the two and both processes sampled. Stops the replicas at the end.
#
#   bench/fleet-replicas.sh [simulator options, e.g. --hosts 1000 or --ramp 250,500,1000]
set -euo pipefail
cd "$(dirname "$0")/.."

export PORTAL_PG_DIR=${PORTAL_PG_DIR:-/tmp/fleet-postgres} PORTAL_PG_PORT=${PORTAL_PG_PORT:-55532}
export PORTAL_REDIS_DIR=${PORTAL_REDIS_DIR:-/tmp/fleet-redis} PORTAL_REDIS_PORT=${PORTAL_REDIS_PORT:-6392}
readonly BOOTSTRAP=fleet-bootstrap-password-1 PASSWORD=fleet-admin-password-1

cluster=$(scripts/postgres.sh up | tail -n 1)
redis=$(scripts/redis.sh up | tail -n 1)
database="fleet_$(date +%s)"
work=$(mktemp -d /tmp/portal-fleet-replicas-XXXX)
echo "replicas: database $database, logs in $work" >&2

start_replica() {
  Portal__Database__Provider=postgres \
  Portal__Database__ConnectionString="${cluster/Database=postgres/Database=$database}" \
  Portal__Redis="$redis" \
  Portal__Bootstrap__AdminUser=admin Portal__Bootstrap__AdminPassword=$BOOTSTRAP \
  Portal__AllowInsecureHttp=true Portal__Auth__LoginPermitsPerMinute=100000 ASPNETCORE_ENVIRONMENT=Production \
    dotnet artifacts/server/Portal.Server.dll --urls "http://127.0.0.1:$1" >"$work/replica-$1.log" 2>&1 &
  echo $!
}

wait_up() {
  for _ in $(seq 1 120); do
    curl -s -o /dev/null "http://127.0.0.1:$1/api/auth/me" && return 0
    sleep 1
  done
  echo "replica on port $1 did not come up (see $work/replica-$1.log)" >&2
  return 1
}

# One after the other: the first creates and migrates the database.
a=$(start_replica 5181)
trap 'kill $a ${b:-} 2>/dev/null || true' EXIT
wait_up 5181
b=$(start_replica 5182)
wait_up 5182

dotnet bench/Portal.FleetSim/bin/Release/net10.0/Portal.FleetSim.dll \
  --servers http://127.0.0.1:5181,http://127.0.0.1:5182 --admin-password $PASSWORD --bootstrap-password $BOOTSTRAP \
  --pid "$a,$b" "$@"
