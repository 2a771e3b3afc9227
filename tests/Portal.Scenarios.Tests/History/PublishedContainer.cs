using System.Text.Json;
using Portal.Lab;

namespace Portal.Scenarios.Tests.History;

using Lab = Portal.Lab.Lab;

/// <summary>
/// <c>docker run -d -p PORT:80</c> of a busybox on the default bridge, and the three rules Docker wrote for it as
/// iptables-save shows them (nat DOCKER DNAT, filter DOCKER ACCEPT, nat POSTROUTING hairpin MASQUERADE); on a host with
/// IPv6 (docker3) also their three ip6tables twins, in tables named "ip6:nat" and "ip6:filter" (<see cref="SavedRules"/>).
/// </summary>
public sealed class PublishedContainer : IAsyncDisposable
{
    private PublishedContainer(LabHost host, string name, string address, int port, IReadOnlyList<(string Table, string Chain, string Text)> rules)
    {
        Host = host;
        Name = name;
        Address = address;
        Port = port;
        Rules = rules;
    }

    public LabHost Host { get; }

    public string Name { get; }

    public string Address { get; }

    public int Port { get; }

    /// <summary>Docker's rules for this container, read from iptables-save after the run.</summary>
    public IReadOnlyList<(string Table, string Chain, string Text)> Rules { get; }

    public static async Task<PublishedContainer> RunAsync(LabHost host, CancellationToken cancellationToken)
    {
        var name = Lab.UniqueName("hist-");
        var port = Lab.HostPort();
        await host.DockerAsync(["run", "-d", "--name", name, "-p", $"{port}:80", "busybox", "sleep", "3600"], cancellationToken);
        using var inspect = await host.InspectAsync(name, cancellationToken);
        var address = inspect.RootElement.GetProperty("NetworkSettings").GetProperty("Networks").GetProperty("bridge").GetProperty("IPAddress").GetString()!;
        var save = await SavedRules.CaptureAsync(host, cancellationToken);
        var rules = new List<(string, string, string)>();
        rules.AddRange(save.Of("nat", "DOCKER").Where(r => r.Contains($"--dport {port} ", StringComparison.Ordinal) && r.EndsWith($"--to-destination {address}:80", StringComparison.Ordinal)).Select(r => ("nat", "DOCKER", r)));
        rules.AddRange(save.Of("filter", "DOCKER").Where(r => r.Contains($"-d {address}/32 ", StringComparison.Ordinal) && r.Contains("--dport 80 ", StringComparison.Ordinal)).Select(r => ("filter", "DOCKER", r)));
        rules.AddRange(save.Of("nat", "POSTROUTING").Where(r => r.StartsWith($"-A POSTROUTING -s {address}/32 -d {address}/32 ", StringComparison.Ordinal)).Select(r => ("nat", "POSTROUTING", r)));
        if (host.Ipv6)
        {
            var address6 = inspect.RootElement.GetProperty("NetworkSettings").GetProperty("Networks").GetProperty("bridge").GetProperty("GlobalIPv6Address").GetString()!;
            var (nat6, filter6) = (SavedRules.Ipv6Prefix + "nat", SavedRules.Ipv6Prefix + "filter");
            rules.AddRange(save.Of(nat6, "DOCKER").Where(r => r.Contains($"--dport {port} ", StringComparison.Ordinal) && r.EndsWith($"--to-destination [{address6}]:80", StringComparison.Ordinal)).Select(r => (nat6, "DOCKER", r)));
            rules.AddRange(save.Of(filter6, "DOCKER").Where(r => r.Contains($"-d {address6}/128 ", StringComparison.Ordinal) && r.Contains("--dport 80 ", StringComparison.Ordinal)).Select(r => (filter6, "DOCKER", r)));
            rules.AddRange(save.Of(nat6, "POSTROUTING").Where(r => r.StartsWith($"-A POSTROUTING -s {address6}/128 -d {address6}/128 ", StringComparison.Ordinal)).Select(r => (nat6, "POSTROUTING", r)));
        }

        return new PublishedContainer(host, name, address, port, rules);
    }

    public async ValueTask DisposeAsync() =>
        await LabCommand.RunAsync(LabHost.DockerProgram, ["-H", Host.DockerEndpoint, "rm", "-f", Name], CancellationToken.None);
}
