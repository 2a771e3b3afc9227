#!/usr/bin/env bash
# Installs what the tests and the demo need, when it is missing. Idempotent and quiet: apt-get runs only
# when a package is missing, and its package lists are refreshed only then.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

# clang and zlib1g-dev: the agent's publish compiles it natively (Native AOT: clang links, zlib is linked in).
# postgresql-15: the binaries of the private cluster scripts/postgres.sh starts for the tests' PostgreSQL run.
# redis-server: the replica tests' private Redis (scripts/redis.sh; the package's own service is never started).
readonly PACKAGES=(docker.io iptables busybox-static chromium iproute2 util-linux debootstrap curl jq ca-certificates clang zlib1g-dev postgresql-15 redis-server)

log() { printf 'install-deps: %s\n' "$*" >&2; }

missing=()
for package in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$package")
  fi
done

if (( ${#missing[@]} > 0 )); then
  [[ $EUID -eq 0 ]] || { log "missing ${missing[*]}; run as root"; exit 1; }
  log "installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  # Installing docker.io must not start the machine's own dockerd: it would write the root namespace's
  # iptables, which the lab never touches; nor redis-server its machine-wide service.
  # policy-rc.d 101 = "do not start services", for this install only.
  own_policy=0
  if [[ ! -e /usr/sbin/policy-rc.d ]]; then
    printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d
    chmod +x /usr/sbin/policy-rc.d
    own_policy=1
  fi
  trap '[[ $own_policy -eq 1 ]] && rm -f /usr/sbin/policy-rc.d' EXIT
  # Nor may installing postgresql-15 create the machine's own cluster: the tests start a private one.
  if [[ " ${missing[*]} " == *" postgresql-15 "* && ! -e /etc/postgresql-common/createcluster.conf ]]; then
    mkdir -p /etc/postgresql-common
    echo 'create_main_cluster = false' >/etc/postgresql-common/createcluster.conf
  fi
  # confold: keep a configuration file written above rather than ask.
  install=(apt-get install -y -qq --no-install-recommends -o Dpkg::Options::=--force-confold)
  if ! "${install[@]}" "${missing[@]}" >/dev/null 2>&1; then
    apt-get update -qq
    "${install[@]}" "${missing[@]}" >/dev/null
  fi
fi

if ! command -v dotnet >/dev/null 2>&1; then
  log "dotnet is missing: install the .NET 10 SDK (https://dot.net/v1/dotnet-install.sh --channel 10.0) and retry"
  exit 1
fi
if ! dotnet --list-sdks | grep -q '^10\.'; then
  log "the .NET 10 SDK is missing (found: $(dotnet --list-sdks | tr '\n' ' '))"
  exit 1
fi

if [[ -f dotnet-tools.json || -f .config/dotnet-tools.json ]]; then
  dotnet tool restore >/dev/null
fi
