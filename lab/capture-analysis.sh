#!/usr/bin/env bash
# Captures the three files `Portal.Host analyze` reads, exactly as a user makes them on a Docker host, plus the
# agent's own snapshot of the same host at the same moment (the owners the analyzer must reproduce):
#
#   iptables-save > rules.txt; ip6tables-save > rules6.txt
#   docker inspect $(docker ps -aq) > containers.json
#   docker network inspect $(docker network ls -q) > networks.json
#   Portal.Host snapshot > snapshot.json
#
#   lab/capture-analysis.sh [--ipv6] [OUTPUT_DIR]    default: tests/Portal.Core.Tests/Analysis/Capture (Capture6 with --ipv6)
#
# --ipv6 starts the daemon with IPv6 and ip6tables (20.10: --ipv6 --fixed-cidr-v6 --ip6tables --experimental), so
# ip6tables-save holds Docker's IPv6 rules too.
# Needs the published agent in artifacts/host. Runs on the lab's private capture host ("fixcap", dockerd
# --icc=false, no cable to the lab bridge), removed at the end, so nobody else's containers leak into the capture.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=lab/lab.sh
source "$here/lab.sh"

readonly HOST=fixcap
daemon_flags=(--icc=false)
default_out="$here/../tests/Portal.Core.Tests/Analysis/Capture"
if [[ "${1:-}" == --ipv6 ]]; then
  shift
  daemon_flags+=(--ipv6 --fixed-cidr-v6 fd00:dead:beef::/64 --ip6tables --experimental)
  default_out="$here/../tests/Portal.Core.Tests/Analysis/Capture6"
fi
out=${1:-"$default_out"}
agent="$here/../artifacts/host/Portal.Host.dll"
mkdir -p "$out"
out=$(cd "$out" && pwd)

d() { docker_of "$HOST" "$@"; }
ipt() { in_netns "$HOST" iptables "$@"; }

cleanup() {
  local rc=$?
  clean_host "$HOST" || true
  exit "$rc"
}

[[ $EUID -eq 0 ]] || die "run as root"
[[ -f "$agent" ]] || die "publish the agent first: dotnet publish Portal.Host/Portal.Host.csproj -c Release -o artifacts/host"
take_lock
trap cleanup EXIT
clean_host "$HOST"
ip netns add "$HOST"
ip -n "$HOST" link set lo up
in_netns "$HOST" sysctl -qw net.bridge.bridge-nf-call-iptables=1
start_dockerd "$HOST" "${daemon_flags[@]}"
wait_dockerd "$HOST"
ensure_busybox "$HOST"

{
  echo "dockerd: $(d version --format '{{.Server.Version}} (API {{.Server.APIVersion}})')"
  echo "iptables: $(in_netns "$HOST" iptables --version)"
  echo "daemon flags: ${daemon_flags[*]} --storage-driver vfs"
} >"$out/versions.txt"

# A published port, a linked pair on the default bridge (ICC off: the link writes ACCEPT pairs), a second link whose
# child is then removed (its pairs stay, naming an address no container has), a user network with a published port.
d run -d --name ana-web -p 8080:80 --expose 9000 busybox httpd -f -p 80 >/dev/null
d run -d --name ana-db --expose 5432 busybox sleep 86400 >/dev/null
d run -d --name ana-client --link ana-web:web --link ana-db:db busybox sleep 86400 >/dev/null
d network create ana-net --subnet 172.31.0.0/24 >/dev/null
d run -d --name ana-api --network ana-net -p 127.0.0.1:8081:80 busybox httpd -f -p 80 >/dev/null
d rm -f ana-db >/dev/null

# A host firewall the way ufw leaves it: INPUT drops by default, 8080 explicitly; Docker's DNAT goes around both.
# And one rule nobody the portal knows wrote.
ipt -A INPUT -i lo -j ACCEPT
ipt -A INPUT -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT
ipt -A INPUT -p tcp -m tcp --dport 22 -j ACCEPT
ipt -A INPUT -p tcp -m tcp --dport 8080 -j DROP
ipt -P INPUT DROP
ipt -t nat -A POSTROUTING -s 10.99.0.0/24 -j MASQUERADE

in_netns "$HOST" iptables-save >"$out/rules.txt"
in_netns "$HOST" ip6tables-save >"$out/rules6.txt"
# shellcheck disable=SC2046
d inspect $(d ps -aq) >"$out/containers.json"
# shellcheck disable=SC2046
d network inspect $(d network ls -q) >"$out/networks.json"
in_netns "$HOST" dotnet "$agent" snapshot --docker "unix://$(host_dir "$HOST")/docker.sock" --host "$HOST" >"$out/snapshot.json"
log "captured rules.txt ($(grep -c '^-A' "$out/rules.txt") rules), containers.json, networks.json, snapshot.json into $out"
