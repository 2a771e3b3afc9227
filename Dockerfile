# Docker Network Portal: the server and the agent as container images.
#
#   docker build --target server -t portal-server .
#   docker build --target agent  -t portal-agent  .
#
# The bases are build arguments so the same file builds offline from locally made images (lab/images/make-bases.sh):
#   --build-arg SDK_IMAGE=portal-base/sdk:local --build-arg ASPNET_IMAGE=portal-base/runtime:local
#   --build-arg RUNTIME_IMAGE=portal-base/agent:local --build-arg INSTALL_IPTABLES=false --build-arg INSTALL_CLANG=false
# Layers are kept few on purpose: on the vfs storage driver every layer is a full copy of the one below.

ARG SDK_IMAGE=mcr.microsoft.com/dotnet/sdk:10.0
ARG ASPNET_IMAGE=mcr.microsoft.com/dotnet/aspnet:10.0
# The agent is one native executable (Native AOT): its image needs no .NET, only libc, OpenSSL and CA certificates.
ARG RUNTIME_IMAGE=mcr.microsoft.com/dotnet/runtime-deps:10.0

# ---- build: the server framework-dependent (portable IL, no apphost), the agent compiled natively -----
FROM ${SDK_IMAGE} AS build
# Native AOT links with clang and zlib; the official SDK image has neither, the local SDK base has both.
ARG INSTALL_CLANG=true
RUN if [ "$INSTALL_CLANG" = "true" ]; then \
      apt-get update \
      && apt-get install -y --no-install-recommends clang zlib1g-dev \
      && rm -rf /var/lib/apt/lists/*; \
    fi
WORKDIR /src
COPY . .
RUN dotnet publish Portal.Server/Portal.Server.csproj -c Release -o /out/server -p:UseAppHost=false \
 && dotnet publish Portal.Host/Portal.Host.csproj -c Release -o /out/agent

# ---- agent: one per Docker host; needs the host's network and pid namespaces, the Docker socket and ----
# ---- iptables of the backend the host's Docker uses (see deploy/agent-entrypoint.sh) ------------------
FROM ${RUNTIME_IMAGE} AS agent
# The official runtime image has no iptables; the local agent base already carries Debian's.
ARG INSTALL_IPTABLES=true
RUN if [ "$INSTALL_IPTABLES" = "true" ]; then \
      apt-get update \
      && apt-get install -y --no-install-recommends iptables \
      && rm -rf /var/lib/apt/lists/*; \
    fi
WORKDIR /app
COPY --from=build /out/agent/ /app/
COPY deploy/agent-entrypoint.sh /usr/local/bin/portal-agent
# Root inside, but run it with --cap-drop ALL and only the capabilities listed in README.md (Packaging).
ENTRYPOINT ["/usr/local/bin/portal-agent"]
CMD ["run", "--docker", "unix:///var/run/docker.sock"]

# ---- server: unprivileged, SQLite in the /data volume, HTTP on 8080 ---------------------------------
FROM ${ASPNET_IMAGE} AS server
# Home is /data so ASP.NET Core's data protection keys (sign-in cookies) persist in the volume with the
# database and survive a container replacement.
RUN groupadd --gid 10001 portal \
 && useradd --uid 10001 --gid 10001 --home-dir /data --no-create-home --shell /usr/sbin/nologin portal \
 && mkdir -p /data && chown 10001:10001 /data
WORKDIR /app
COPY --from=build /out/server/ /app/
ENV Portal__Database=/data/portal.db \
    ASPNETCORE_URLS=http://+:8080 \
    HOME=/data
VOLUME /data
EXPOSE 8080
USER 10001:10001
# No curl or wget in these bases: bash's /dev/tcp speaks just enough HTTP/1.0 to read the status line.
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/8080 && printf 'GET /healthz HTTP/1.0\\r\\nHost: localhost\\r\\n\\r\\n' >&3 && read -r status <&3 && [[ $status == *' 200 '* ]]"]
ENTRYPOINT ["dotnet", "/app/Portal.Server.dll"]
