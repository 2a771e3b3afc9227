#!/usr/bin/env bash
# Local base images for the Dockerfile, made without any registry, and imported into one Docker daemon.
#
#   lab/images/make-bases.sh unix:///var/lib/portal-lab/docker2/docker.sock
#   lab/images/make-bases.sh /var/lib/portal-lab/docker2/docker.sock      (a plain socket path works too)
#
# Makes, from a debootstrap'd Debian bookworm (minbase) and the .NET installed on this machine:
#   portal-base/runtime:local  rootfs + ca-certificates + the .NET and ASP.NET Core shared runtimes
#   portal-base/agent:local    rootfs + ca-certificates + OpenSSL + iptables (Debian's, nf_tables by default, legacy
#                              alongside), no .NET: the agent is one natively compiled executable
#   portal-base/sdk:local      rootfs + clang and zlib1g-dev (the agent's Native AOT link) + the machine's whole SDK +
#                              exactly the NuGet packages the shipped
#                              projects restore, with a NuGet.Config that names no remote source, so
#                              `dotnet restore` and `dotnet publish` work with no network at all
#
# Runs in the ROOT namespace (debootstrap needs the Debian mirror; the lab hosts have no network).
# Everything slow is cached under /var/cache/portal-images and reused: the rootfs tarballs, the .debs and
# the NuGet package set (keyed by a hash of the project files). An image whose inputs did not change is not
# imported again (label portal.fingerprint), so a second run takes seconds.
set -euo pipefail

readonly CACHE=${PORTAL_IMAGES_CACHE:-/var/cache/portal-images}
readonly MIRROR=${PORTAL_DEBIAN_MIRROR:-http://deb.debian.org/debian}
readonly SUITE=bookworm
readonly DOTNET_ROOT_DIR=${PORTAL_DOTNET_ROOT:-/usr/share/dotnet}
readonly USER_PACKAGES=${PORTAL_NUGET_SOURCE:-$HOME/.nuget/packages}
readonly DOCKER_CLI=${PORTAL_DOCKER_CLI:-/usr/bin/docker}
REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
readonly REPO
# The projects the Dockerfile publishes (Portal.Client and Portal.Core come in through Portal.Server).
readonly SHIPPED_PROJECTS=(Portal.Server/Portal.Server.csproj Portal.Host/Portal.Host.csproj)
readonly IMAGE_PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin

log() { printf 'make-bases: %s\n' "$*" >&2; }
die() { log "error: $*"; exit 1; }

[[ $# -eq 1 ]] || die "usage: $0 unix:///path/to/docker.sock"
SOCKET=$1
[[ "$SOCKET" == unix://* ]] || SOCKET="unix://$SOCKET"
readonly SOCKET
[[ -S "${SOCKET#unix://}" ]] || die "no docker socket at ${SOCKET#unix://}"
[[ $EUID -eq 0 ]] || die "run as root (debootstrap, chroot)"

docker_target() { "$DOCKER_CLI" -H "$SOCKET" "$@"; }

mkdir -p "$CACHE/debs"

# ---------------------------------------------------------------------------------------------------------
# Root filesystems: debootstrap once per package set, kept as a tarball.

# Documentation, man pages, locales and apt lists are dead weight in an image (and every layer is a full
# copy on the lab's vfs storage driver).
slim_rootfs() {
  local dir=$1
  rm -rf "$dir"/usr/share/doc/* "$dir"/usr/share/man/* "$dir"/usr/share/info/* "$dir"/usr/share/locale/* \
    "$dir"/var/lib/apt/lists/* "$dir"/var/cache/apt/*.bin "$dir"/var/cache/apt/archives/*.deb \
    "$dir"/var/log/*.log "$dir"/var/log/apt/*
}

# $1 = cache name, $2 = extra packages (comma separated). Prints the tarball's path.
rootfs_tarball() {
  local name=$1 include=$2
  local tarball="$CACHE/rootfs-$name.tar"
  if [[ -s "$tarball" ]]; then echo "$tarball"; return 0; fi
  command -v debootstrap >/dev/null || { log "installing debootstrap"; apt-get install -y debootstrap >&2; }
  local dir="$CACHE/rootfs-$name.tmp"
  rm -rf "$dir"
  log "debootstrap $SUITE minbase + $include (once; cached as $tarball)"
  debootstrap --variant=minbase --include="$include" --cache-dir="$CACHE/debs" \
    "$SUITE" "$dir" "$MIRROR" >&2
  slim_rootfs "$dir"
  tar --numeric-owner -C "$dir" -cf "$tarball.tmp" .
  mv "$tarball.tmp" "$tarball"
  rm -rf "$dir"
  echo "$tarball"
}

# ---------------------------------------------------------------------------------------------------------
# NuGet packages: exactly what the shipped projects restore, found by restoring a copy of the project files
# into an empty packages folder with this machine's package folder as the only source (no network).

project_files_hash() {
  # Project files, plus which kinds of files the projects hold (a first .razor file changes the restore).
  (cd "$REPO" && cat Directory.Build.props Directory.Packages.props Portal.*/*.csproj \
    $(ls global.json nuget.config NuGet.config 2>/dev/null || true) \
    && find Portal.* -path '*/bin' -prune -o -path '*/obj' -prune -o -type f -printf '%f\n' \
       | sed -n 's/.*\.//p' | sort -u) | sha256sum | cut -c1-16
}

nuget_packages_dir() {
  local key dir work
  key=$(project_files_hash)
  dir="$CACHE/nuget-$key"
  if [[ -d "$dir/packages" ]]; then echo "$dir"; return 0; fi
  rm -rf "$CACHE"/nuget-*.tmp
  work="$dir.tmp"
  mkdir -p "$work/src" "$work/packages"
  # The sources too, not only the project files: what restore fetches depends on them (a .razor file makes
  # the SDK want Microsoft.AspNetCore.App.Internal.Assets).
  (cd "$REPO" && tar -c --exclude=bin --exclude=obj Directory.Build.props Directory.Packages.props Portal.*) \
    | tar -C "$work/src" -x
  log "restoring ${SHIPPED_PROJECTS[*]} into an empty package folder from $USER_PACKAGES"
  local project
  for project in "${SHIPPED_PROJECTS[@]}"; do
    NUGET_PACKAGES="$work/packages" DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 \
      dotnet restore "$work/src/$project" --source "$USER_PACKAGES" -p:Configuration=Release >&2 \
      || die "restore of $project from $USER_PACKAGES failed: run 'dotnet restore $project' once on this machine"
  done
  # The agent's publish is native: it restores the runtime packs and the ILCompiler of this machine's runtime identifier too.
  NUGET_PACKAGES="$work/packages" DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 \
    dotnet restore "$work/src/Portal.Host/Portal.Host.csproj" --source "$USER_PACKAGES" -p:Configuration=Release -r "$(dotnet_rid)" >&2 \
    || die "restore of Portal.Host for $(dotnet_rid) from $USER_PACKAGES failed: run 'dotnet publish Portal.Host/Portal.Host.csproj -c Release' once on this machine"
  rm -rf "$work/src"
  # Package sets of older project files are not needed again.
  find "$CACHE" -maxdepth 1 -name 'nuget-*' -type d ! -name "nuget-$key.tmp" -exec rm -rf {} +
  mv "$work" "$dir"
  echo "$dir"
}

# ---------------------------------------------------------------------------------------------------------
# Images

fingerprint_of() { printf '%s\n' "$@" | sha256sum | cut -c1-16; }

image_is_current() {
  local image=$1 fingerprint=$2 have
  have=$(docker_target image inspect --format '{{index .Config.Labels "portal.fingerprint"}}' "$image" 2>/dev/null) || return 1
  [[ "$have" == "$fingerprint" ]]
}

# Copies the .NET host (dotnet muxer + hostfxr) and the two shared runtimes, no SDK.
copy_runtime() {
  local to=$1/usr/share/dotnet
  mkdir -p "$to/shared"
  cp -a "$DOTNET_ROOT_DIR/dotnet" "$DOTNET_ROOT_DIR/host" "$DOTNET_ROOT_DIR/LICENSE.txt" "$to/"
  cp -a "$DOTNET_ROOT_DIR/shared/Microsoft.NETCore.App" "$DOTNET_ROOT_DIR/shared/Microsoft.AspNetCore.App" "$to/shared/"
  ln -sf /usr/share/dotnet/dotnet "$1/usr/bin/dotnet"
}

copy_sdk() {
  local to=$1/usr/share/dotnet
  mkdir -p "$to"
  # templates and dnx are for `dotnet new` and tools, not for restore/build/publish.
  (cd "$DOTNET_ROOT_DIR" && tar -c --exclude=./templates --exclude=./dnx .) | tar -C "$to" -x
  ln -sf /usr/share/dotnet/dotnet "$1/usr/bin/dotnet"
}

copy_packages() {
  local root=$1 packages=$2
  mkdir -p "$root/root/.nuget/NuGet"
  cp -a "$packages" "$root/root/.nuget/packages"
  # The package folder itself is the only source: every exact version is already there, so restore is
  # satisfied locally, and a missing one fails with NU1101 instead of a network timeout.
  cat >"$root/root/.nuget/NuGet/NuGet.Config" <<'EOF'
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources>
    <clear />
    <add key="offline" value="/root/.nuget/packages" />
  </packageSources>
</configuration>
EOF
}

# $1 image, $2 rootfs tarball, $3 fingerprint, $4 function that fills the staged rootfs, then docker import changes.
import_image() {
  local image=$1 tarball=$2 fingerprint=$3 fill=$4; shift 4
  if image_is_current "$image" "$fingerprint"; then
    log "$image is current (fingerprint $fingerprint)"
    return 0
  fi
  local stage
  stage=$(mktemp -d "$CACHE/stage-XXXXXX")
  # shellcheck disable=SC2064
  trap "rm -rf '$stage'" RETURN
  tar -C "$stage" -xf "$tarball"
  "$fill" "$stage"
  # No libicu in these bases: the projects are InvariantGlobalization, and the SDK itself must be told
  # (and, in the SDK image, to accept the satellite cultures of packages, else NETSDK1188 per resource).
  local changes=(-c "ENV PATH=$IMAGE_PATH" -c "ENV DOTNET_RUNNING_IN_CONTAINER=true"
    -c "ENV DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=true"
    -c "LABEL portal.fingerprint=$fingerprint" -c 'CMD ["/bin/bash"]')
  local change
  for change in "$@"; do changes+=(-c "$change"); done
  local previous
  previous=$(docker_target image inspect --format '{{.Id}}' "$image" 2>/dev/null || true)
  log "importing $image"
  tar --numeric-owner -C "$stage" -c . | docker_target import "${changes[@]}" - "$image" >/dev/null
  # The replaced base would stay behind untagged, a full copy on vfs; drop it unless something still uses it.
  [[ -z "$previous" ]] || docker_target image rm "$previous" >/dev/null 2>&1 || true
}

fill_runtime() { copy_runtime "$1"; }
fill_agent() { :; }
fill_sdk() { copy_sdk "$1"; copy_packages "$1" "$PACKAGES_DIR/packages"; }

dotnet_rid() { dotnet --info | awk '$1 == "RID:" { print $2; exit }'; }

dotnet_versions() { ls "$DOTNET_ROOT_DIR/shared/Microsoft.NETCore.App" "$DOTNET_ROOT_DIR/shared/Microsoft.AspNetCore.App" "$DOTNET_ROOT_DIR/sdk"; }

main() {
  local script_hash base_tar agent_tar sdk_tar
  script_hash=$(sha256sum "${BASH_SOURCE[0]}" | cut -c1-16)
  base_tar=$(rootfs_tarball base ca-certificates,libssl3)
  agent_tar=$(rootfs_tarball agent ca-certificates,libssl3,iptables)
  sdk_tar=$(rootfs_tarball sdk ca-certificates,libssl3,clang,zlib1g-dev)
  PACKAGES_DIR=$(nuget_packages_dir)
  readonly PACKAGES_DIR

  import_image portal-base/runtime:local "$base_tar" \
    "$(fingerprint_of "$script_hash" "$(dotnet_versions)" "$(stat -c %Y "$base_tar")")" fill_runtime \
    "ENV ASPNETCORE_HTTP_PORTS=8080"
  import_image portal-base/agent:local "$agent_tar" \
    "$(fingerprint_of "$script_hash" "$(stat -c %Y "$agent_tar")")" fill_agent
  import_image portal-base/sdk:local "$sdk_tar" \
    "$(fingerprint_of "$script_hash" "$(dotnet_versions)" "$(stat -c %Y "$sdk_tar")" "$PACKAGES_DIR")" fill_sdk \
    "ENV DOTNET_NOLOGO=true" "ENV DOTNET_CLI_TELEMETRY_OPTOUT=1" "ENV DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1" \
    "ENV DOTNET_CLI_WORKLOAD_UPDATE_NOTIFY_DISABLE=1" \
    "ENV DOTNET_SYSTEM_GLOBALIZATION_PREDEFINED_CULTURES_ONLY=false" "ENV DOTNET_GENERATE_ASPNET_CERTIFICATE=false"
  docker_target image ls --filter reference='portal-base/*' >&2
}

main
