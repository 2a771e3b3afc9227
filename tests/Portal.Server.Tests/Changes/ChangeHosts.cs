using Portal.Contracts.Model;
using Portal.Server.Tests.Infrastructure;

namespace Portal.Server.Tests.Changes;

/// <summary>
/// The lab's default host as a snapshot: docker0 (network "bridge", daemon ICC off), web publishing 8080 and exposing
/// 80/tcp, and client with no ports, both on the default bridge.
/// </summary>
public static class ChangeHosts
{
    public static Container Client(params ContainerLink[] links) =>
        Snapshots.Container("client", "c11e4700", "172.17.0.3") with { Ports = [], Links = links };

    public static HostSnapshot Classic(string host) =>
        Snapshots.Classic(host, 1) with { Containers = [Client(), Snapshots.Web()] };
}
