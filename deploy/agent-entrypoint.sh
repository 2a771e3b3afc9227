#!/bin/sh
# Entry point of the agent image: make `iptables*` mean the backend the host's Docker writes to, then run
# the agent. iptables-nft and iptables-legacy keep separate rule sets; reading the wrong one shows an
# empty host. The image carries both (Debian's iptables package); the default is nf_tables.
#
# PORTAL_IPTABLES_BACKEND=nft|legacy forces one; otherwise the backend that holds Docker's chains wins.
set -eu

backend=${PORTAL_IPTABLES_BACKEND:-auto}
if [ "$backend" = auto ] && command -v iptables-legacy-save >/dev/null 2>&1; then
  backend=nft
  if ! iptables-nft-save -t filter 2>/dev/null | grep -q '^:DOCKER' \
     && iptables-legacy-save -t filter 2>/dev/null | grep -q '^:DOCKER'; then
    backend=legacy
  fi
fi
case "$backend" in
  nft|legacy)
    for tool in iptables iptables-save iptables-restore ip6tables ip6tables-save ip6tables-restore; do
      if [ -x "/usr/sbin/$tool-$backend" ]; then
        update-alternatives --quiet --set "$tool" "/usr/sbin/$tool-$backend" >/dev/null 2>&1 \
          || ln -sf "/usr/sbin/$tool-$backend" "/usr/local/sbin/$tool" 2>/dev/null || true
      fi
    done
    ;;
  auto) ;;
  *) echo "portal-agent: PORTAL_IPTABLES_BACKEND must be nft or legacy, not '$backend'" >&2; exit 64 ;;
esac

exec /app/Portal.Host "$@"
