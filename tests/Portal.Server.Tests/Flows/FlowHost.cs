using Portal.Contracts.Agent;
using Portal.Contracts.Api;
using Portal.Contracts.Flows;
using Portal.Server.Tests.Infrastructure;

namespace Portal.Server.Tests.Flows;

/// <summary>A registered host with its agent connected and greeted, sending flow reports of one run.</summary>
internal sealed class FlowHost : IAsyncDisposable
{
    private long _number;

    private FlowHost(CreatedHost host, TestAgent agent)
    {
        Name = host.Name;
        Agent = agent;
    }

    public string Name { get; }

    public TestAgent Agent { get; }

    public Guid Run { get; } = Guid.NewGuid();

    public static async Task<FlowHost> StartAsync(PortalFactory factory, PortalClient admin)
    {
        var host = await admin.CreateHostAsync();
        return new FlowHost(host, await TestAgent.ConnectAsync(factory, host.Token));
    }

    public FlowReport Next(params FlowEdge[] edges) => new(Name, Run, ++_number, edges);

    public async Task<FlowReport> SendAsync(params FlowEdge[] edges)
    {
        var report = Next(edges);
        await SendAsync(report);
        return report;
    }

    public Task SendAsync(FlowReport report) => Agent.SendAsync(AgentHubMethods.Flows, report);

    public static FlowEdge Edge(string from, string to, int port, long count, DateTimeOffset first, DateTimeOffset? last = null, string proto = "tcp", string? network = null) =>
        new(from, to, port, proto, network, count, first, last ?? first);

    public ValueTask DisposeAsync() => Agent.DisposeAsync();
}
