using Portal.Contracts.Model;

namespace Portal.Core.Tests.Support;

/// <summary>
/// The host behind one of Docker 29's iptabler golden dumps (Fixtures/docker29-iptabler/README.md), as the agent would
/// observe it: network "dummy" on bridge br-dummy (192.168.0.0/24, fd49:efd7:54aa::/64) and container "c1" at
/// 192.168.0.2 / fd49:efd7:54aa::1 publishing 8080->80/tcp on every address, or on 127.0.0.1 and ::1 when the file
/// name says bindlh=true. ICC and masquerade follow the name; a "cleaned" or "no" dump has neither network nor container.
/// </summary>
internal sealed record IptablerScenario(string File, IReadOnlyDictionary<string, string> Options)
{
    public const string Folder = "docker29-iptabler";
    public const string Network = "dummy";
    public const string BridgeName = "br-dummy";
    public const string Container = "c1";
    public const string ContainerIpv4 = "192.168.0.2";
    public const string ContainerIpv6 = "fd49:efd7:54aa::1";

    public bool Ipv6 => File.EndsWith("__ip6tables.golden", StringComparison.Ordinal);

    /// <summary>False for the dumps taken after the network was removed (<c>cleaned,...</c>) or before anything ran (<c>no</c>).</summary>
    public bool HasNetwork => !Options.ContainsKey("cleaned") && !Options.ContainsKey("no");

    public bool Option(string name) => Options.TryGetValue(name, out var value) && value == "true";

    public string Text => Captures.Fixture(Path.Combine(Folder, File));

    public IReadOnlyList<Bridge> Bridges => HasNetwork
        ? [new Bridge(BridgeName, Network, "dummy-id", "192.168.0.0/24", "192.168.0.1", Option("icc"), Option("masq"), 1500, [])]
        : [];

    public IReadOnlyList<Container> Containers => HasNetwork
        ?
        [
            new Container(
                "c1-id", "/" + Container, "busybox", "running", "c1",
                [new Endpoint(Network, ContainerIpv4, null, [], "192.168.0.1", Ipv6: ContainerIpv6)],
                Option("bindlh")
                    ? [new PortBinding(80, "tcp", "127.0.0.1", 8080), new PortBinding(80, "tcp", "::1", 8080)]
                    : [new PortBinding(80, "tcp", "0.0.0.0", 8080), new PortBinding(80, "tcp", "::", 8080)],
                ["80/tcp"], [], [], []),
        ]
        : [];

    public static IEnumerable<string> Files() =>
        Directory.EnumerateFiles(Path.Combine(AppContext.BaseDirectory, "Fixtures", Folder), "*.golden")
            .Select(Path.GetFileName)
            .Order(StringComparer.Ordinal)!;

    /// <summary>The scenario a file name describes: <c>hairpin=false,internal=false,...,bindlh=true__iptables.golden</c>.</summary>
    public static IptablerScenario Of(string file)
    {
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var part in file[..file.IndexOf("__", StringComparison.Ordinal)].Split(','))
        {
            var equals = part.IndexOf('=', StringComparison.Ordinal);
            options[equals < 0 ? part : part[..equals]] = equals < 0 ? "true" : part[(equals + 1)..];
        }

        return new IptablerScenario(file, options);
    }
}
