#!/usr/bin/env bash
# A private PostgreSQL cluster for the tests and the benchmarks, from Debian's postgresql-15 binaries: initdb into
# a run directory this script owns, listening on 127.0.0.1 only, on a port of its own (default 55432) and a unix
# socket in the same directory. The machine's own cluster and service are never used or touched.
#
#   scripts/postgres.sh up       start it (idempotent); prints the connection string
#   scripts/postgres.sh down     stop it and delete its data
#   scripts/postgres.sh status   exit 0 when it answers
#   scripts/postgres.sh url      print the connection string (Npgsql keywords)
#
# PORTAL_PG_DIR (default /tmp/portal-postgres) and PORTAL_PG_PORT (default 55432) choose where and which port.
# The server runs as the unprivileged "postgres" user when started by root (initdb refuses root).
set -euo pipefail

readonly DIR=${PORTAL_PG_DIR:-/tmp/portal-postgres}
readonly PORT=${PORTAL_PG_PORT:-55432}
readonly DATA="$DIR/data"
readonly LOG="$DIR/postgres.log"
readonly SUPERUSER=portal
readonly PASSWORD=portal

log() { printf 'postgres.sh: %s\n' "$*" >&2; }

bin_dir() {
  local dir
  dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  [[ -x "$dir/initdb" ]] || { log "PostgreSQL binaries missing: run scripts/install-deps.sh"; exit 1; }
  echo "$dir"
}

# Runs a PostgreSQL binary as the cluster's owner.
as_owner() {
  if [[ $EUID -eq 0 ]]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

url() {
  echo "Host=127.0.0.1;Port=$PORT;Username=$SUPERUSER;Password=$PASSWORD;Database=postgres"
}

status() {
  local bin
  bin=$(bin_dir)
  "$bin/pg_isready" -q -h 127.0.0.1 -p "$PORT"
}

up() {
  local bin
  bin=$(bin_dir)
  if [[ -f "$DATA/postmaster.pid" ]] && status; then
    url
    return 0
  fi
  mkdir -p "$DIR"
  [[ $EUID -eq 0 ]] && chown postgres: "$DIR"
  chmod 0700 "$DIR"
  if [[ ! -f "$DATA/PG_VERSION" ]]; then
    local pwfile="$DIR/pwfile"
    echo "$PASSWORD" >"$pwfile"
    [[ $EUID -eq 0 ]] && chown postgres: "$pwfile"
    as_owner "$bin/initdb" -D "$DATA" -U "$SUPERUSER" --pwfile="$pwfile" -A scram-sha-256 -E UTF8 --locale=C.UTF-8 >"$DIR/initdb.log"
    rm -f "$pwfile"
    # Tests create and drop a database each; durability does not matter for a throwaway cluster.
    cat >>"$DATA/postgresql.conf" <<EOF
listen_addresses = '127.0.0.1'
port = $PORT
unix_socket_directories = '$DIR'
max_connections = 300
shared_buffers = 128MB
fsync = off
synchronous_commit = off
full_page_writes = off
EOF
  fi
  as_owner "$bin/pg_ctl" -D "$DATA" -l "$LOG" -w -t 60 start >/dev/null
  url
}

down() {
  local bin
  bin=$(bin_dir)
  if [[ -f "$DATA/postmaster.pid" ]]; then
    as_owner "$bin/pg_ctl" -D "$DATA" -m fast -w stop >/dev/null || true
  fi
  rm -rf "$DIR"
}

case "${1:-}" in
  up) up ;;
  down) down ;;
  status) status ;;
  url) url ;;
  *) echo "usage: $0 up|down|status|url" >&2; exit 2 ;;
esac
