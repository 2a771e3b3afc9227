#!/usr/bin/env bash
# A private Redis for the tests: on loopback, a port of its own, its files in a folder of its own, nothing saved to
# disk; never the machine's redis-server service.
#
#   scripts/redis.sh up      start it (idempotent); prints the connection string (127.0.0.1:6391)
#   scripts/redis.sh down    stop it and remove its folder
#
# PORTAL_REDIS_PORT (6391) and PORTAL_REDIS_DIR (/tmp/portal-redis) move it.
set -euo pipefail

readonly PORT=${PORTAL_REDIS_PORT:-6391}
readonly DIR=${PORTAL_REDIS_DIR:-/tmp/portal-redis}

log() { printf 'redis: %s\n' "$*" >&2; }

ping() { redis-cli -h 127.0.0.1 -p "$PORT" ping 2>/dev/null | grep -q PONG; }

up() {
  command -v redis-server >/dev/null || { log "redis-server is missing (scripts/install-deps.sh installs it)"; exit 1; }
  if ping; then
    echo "127.0.0.1:$PORT"
    return 0
  fi
  mkdir -p "$DIR"
  chmod 700 "$DIR"
  redis-server --bind 127.0.0.1 --port "$PORT" --protected-mode yes --dir "$DIR" \
    --daemonize yes --pidfile "$DIR/redis.pid" --logfile "$DIR/redis.log" \
    --save '' --appendonly no
  for _ in $(seq 1 50); do
    if ping; then
      log "up on 127.0.0.1:$PORT ($DIR)"
      echo "127.0.0.1:$PORT"
      return 0
    fi
    sleep 0.1
  done
  log "did not answer on 127.0.0.1:$PORT; $DIR/redis.log says:"
  tail -n 20 "$DIR/redis.log" >&2 || true
  exit 1
}

down() {
  if ping; then
    redis-cli -h 127.0.0.1 -p "$PORT" shutdown nosave >/dev/null 2>&1 || true
  elif [[ -f "$DIR/redis.pid" ]]; then
    kill "$(cat "$DIR/redis.pid")" 2>/dev/null || true
  fi
  rm -rf "$DIR"
  log "down"
}

case "${1:-}" in
  up) up ;;
  down) down ;;
  *) echo "usage: $0 up|down" >&2; exit 2 ;;
esac
