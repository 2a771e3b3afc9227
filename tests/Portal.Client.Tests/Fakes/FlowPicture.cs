using Portal.Client.Live;
using Portal.Contracts.Api;
using Portal.Contracts.Flows;
using Portal.Contracts.Model;

namespace Portal.Client.Tests.Fakes;

/// <summary>
/// A small shop as flow test data: web on "front", db on "back", api on both; two outside clients call web:80, web calls
/// api:8080 over front, api calls db:5432 over back and an outside service on 443, and the host probes web:80.
/// </summary>
public static class FlowPicture
{
    public static readonly DateTimeOffset Now = new(2026, 11, 29, 12, 0, 0, TimeSpan.Zero);

    public static readonly Bridge Front = new("br-front", "front", "net-front", "10.10.1.0/24", "10.10.1.1", true, true, 1500, []);

    public static readonly Bridge Back = new("br-back", "back", "net-back", "10.10.2.0/24", "10.10.2.1", true, true, 1500, []);

    public static readonly Container Web = Box("web", new Endpoint("front", "10.10.1.2", null, []));

    public static readonly Container Api = Box("api", new Endpoint("back", "10.10.2.3", null, []), new Endpoint("front", "10.10.1.3", null, []));

    public static readonly Container Db = Box("db", new Endpoint("back", "10.10.2.4", null, []));

    public static IReadOnlyList<Container> Containers { get; } = [Api, Db, Web];

    public static FlowEdge OutsideA { get; } = Edge("external:203.0.113.7", "web", 80, null, 12, minutesAgo: 1);

    public static FlowEdge OutsideB { get; } = Edge("external:198.51.100.9", "web", 80, null, 3, minutesAgo: 30);

    public static FlowEdge WebToApi { get; } = Edge("web", "api", 8080, "front", 40, minutesAgo: 2);

    public static FlowEdge ApiToDb { get; } = Edge("api", "db", 5432, "back", 7, minutesAgo: 5);

    public static FlowEdge ApiToOutside { get; } = Edge("api", "external:192.0.2.50", 443, null, 2, minutesAgo: 120);

    public static FlowEdge HostToWeb { get; } = Edge("host", "web", 80, null, 1, minutesAgo: 3);

    public static IReadOnlyList<FlowEdge> Edges { get; } = [OutsideA, OutsideB, WebToApi, ApiToDb, ApiToOutside, HostToWeb];

    public static FlowEdge Edge(string from, string to, int port, string? network, long count, double minutesAgo, string proto = "tcp") =>
        new(from, to, port, proto, network, count, Now.AddHours(-20), Now.AddMinutes(-minutesAgo));

    public static HostState State() =>
        new("docker1", ClassicPicture.Summary("docker1", true, 3), new HostSnapshot("docker1", 1, default, "20.10.24", "nf_tables", [Back, Front], [.. Containers], []));

    private static Container Box(string name, params Endpoint[] endpoints) =>
        new($"id-{name}", name, "busybox:latest", "running", name, endpoints, [], [], [], [], []);
}
