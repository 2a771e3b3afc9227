using System.Collections.Concurrent;
using Microsoft.AspNetCore.SignalR.Client;
using Portal.Contracts.Agent;
using Portal.Contracts.Api;
using Portal.Contracts.Commands;
using Portal.Contracts.Model;
using Portal.Server.Tests.Infrastructure;

namespace Portal.Server.Tests.Changes;

/// <summary>
/// A real SignalR agent connection that answers <c>Execute</c> (SignalR client results) the way the test says and
/// records every command it was sent, in order.
/// </summary>
public sealed class FakeAgent : IAsyncDisposable
{
    private readonly ConcurrentQueue<AgentCommand> _received = new();
    private long _sequence;

    private FakeAgent(TestAgent agent, string host)
    {
        Agent = agent;
        Host = host;
        agent.Connection.On<AgentCommandEnvelope, CommandResult>(AgentHubMethods.Execute, envelope =>
        {
            _received.Enqueue(envelope.Command);
            return Answer(envelope.Command);
        });
    }

    public TestAgent Agent { get; }

    public string Host { get; }

    /// <summary>What the agent answers; done by default.</summary>
    public Func<AgentCommand, CommandResult> Answer { get; set; } = _ => CommandResult.Done(["done"]);

    public IReadOnlyList<AgentCommand> Received => [.. _received];

    public static async Task<FakeAgent> ConnectAsync(PortalFactory factory, CreatedHost host, HostSnapshot snapshot)
    {
        var agent = new FakeAgent(TestAgent.Create(factory, host.Token), host.Name);
        await agent.Agent.Connection.StartAsync(TestContext.Current.CancellationToken);
        await agent.Agent.HelloAsync();
        agent._sequence = snapshot.Sequence;
        await agent.Agent.SendAsync(AgentHubMethods.Snapshot, snapshot);
        return agent;
    }

    /// <summary>
    /// A host registered for the test, its fake agent connected with the snapshot <paramref name="snapshot"/> makes of its
    /// name, and an operator signed in once the portal holds every container of it.
    /// </summary>
    public static async Task<(PortalClient Operator, string Host, FakeAgent Agent)> OnNewHostAsync(PortalFactory factory, Func<string, HostSnapshot> snapshot)
    {
        using var admin = await PortalClient.AdminAsync(factory);
        var host = await admin.CreateHostAsync();
        var state = snapshot(host.Name);
        var agent = await ConnectAsync(factory, host, state);
        var op = await PortalClient.WithRoleAsync(factory, Roles.Operator);
        await Eventually.TrueAsync(
            async () => (await op.GetAsync<HostSummary>($"/api/hosts/{host.Name}")).Containers == state.Containers.Count, "the snapshot is in");
        return (op, host.Name, agent);
    }

    /// <summary>Sends the next delta in sequence (the agent observed something).</summary>
    public Task DeltaAsync(IReadOnlyList<Container>? upserted = null, IReadOnlyList<ChainRules>? chains = null) =>
        Agent.SendAsync(AgentHubMethods.Delta, new HostDelta(
            Host, Interlocked.Increment(ref _sequence), DateTimeOffset.UtcNow, UpsertedContainers: upserted, Chains: chains));

    public async Task<T> NextAsync<T>(int skip = 0, string? user = null) where T : AgentCommand
    {
        T? found = null;
        await Eventually.TrueAsync(
            () => Task.FromResult((found = Received.OfType<T>().Where(c => user is null || c.User == user).Skip(skip).FirstOrDefault()) is not null),
            $"the agent receives {typeof(T).Name} #{skip + 1}" + (user is null ? string.Empty : $" from {user}"));
        return found!;
    }

    public async ValueTask DisposeAsync() => await Agent.DisposeAsync();
}
