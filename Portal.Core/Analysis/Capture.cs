namespace Portal.Core.Analysis;

/// <summary>
/// What a user captured on a Docker host: <c>iptables-save</c>, optionally <c>ip6tables-save</c>,
/// <c>docker inspect $(docker ps -aq)</c> and <c>docker network inspect $(docker network ls -q)</c>.
/// </summary>
public sealed record Capture(CaptureText Rules, CaptureText? Rules6, CaptureText Containers, CaptureText Networks);
