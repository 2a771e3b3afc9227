using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Contracts.Agent;
using Portal.Contracts.Model;
using Portal.Server.Audit;
using Portal.Server.Data;
using Portal.Server.Tests.Infrastructure;

namespace Portal.Server.Tests.Audit;

/// <summary>A fresh host with a connected agent (real SignalR, real token) that sends rule history as Portal.Host does.</summary>
internal sealed class AuditHost : IAsyncDisposable
{
    /// <summary>A fixed start so every time in a test is known in advance.</summary>
    public static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static readonly RuleOwner Masquerade = new(RuleOwnerKind.Masquerade, Network: "bridge");
    public static readonly ChangeCause External = new(CauseKind.External, Process: "iptables");

    private long _batch;

    private readonly PortalFactory _factory;

    private AuditHost(PortalFactory factory, string name, TestAgent agent)
    {
        _factory = factory;
        Name = name;
        Agent = agent;
    }

    public string Name { get; }

    public TestAgent Agent { get; }

    public Guid Journal { get; } = Guid.NewGuid();

    public static async Task<AuditHost> StartAsync(PortalFactory factory, PortalClient admin, IReadOnlyList<Rule>? baseline = null)
    {
        var host = await admin.CreateHostAsync();
        await RegisteredAsync(factory, host.Name, T0.AddDays(-1));
        var agent = await TestAgent.ConnectAsync(factory, host.Token);
        var audit = new AuditHost(factory, host.Name, agent);
        await audit.SnapshotAsync(T0, baseline ?? []);
        return audit;
    }

    public static DateTimeOffset At(int minutes) => T0.AddMinutes(minutes);

    /// <summary>
    /// Dates the host's registration back (the server refuses history older than the host): these tests replay a
    /// host's past at fixed times.
    /// </summary>
    public static async Task RegisteredAsync(PortalFactory factory, string host, DateTimeOffset at)
    {
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var entity = await db.Hosts.SingleAsync(h => h.Name == host, TestContext.Current.CancellationToken);
        entity.Registered = at;
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
    }

    /// <summary>
    /// The server's record that it sent <paramref name="intent"/> of <paramref name="user"/> to this host between two
    /// moments of the test's past, so rows the agent attributes to it keep that cause.
    /// </summary>
    public void Sent(long intent, string user, DateTimeOffset from, DateTimeOffset to) =>
        _factory.Services.GetRequiredService<SentCommands>().Remember(Name, intent, user, from, to);

    public static RuleOwner Port(string container, string port) => new(RuleOwnerKind.Port, Container: container, Port: port);

    public static ChangeCause Docker(string action, string container) => new(CauseKind.Docker, Action: action, Container: container);

    public static ChangeCause ByPortal(string user, long intent) => new(CauseKind.Portal, User: user, Intent: intent);

    public static RuleChange Added(int minute, string table, string chain, string text, int index, RuleOwner? owner = null, ChangeCause? cause = null) =>
        new(At(minute), table, chain, ChangeKind.Added, text, owner ?? RuleOwner.Unknown, cause ?? External, index);

    public static RuleChange Removed(int minute, string table, string chain, string text, int index, RuleOwner? owner = null, ChangeCause? cause = null) =>
        new(At(minute), table, chain, ChangeKind.Removed, text, owner ?? RuleOwner.Unknown, cause ?? External, index);

    public Task SnapshotAsync(DateTimeOffset at, IReadOnlyList<Rule> rules, long? coveredBatch = null) =>
        Agent.SendAsync(AgentHubMethods.Snapshot, Snapshots.Classic(Name) with
        {
            TakenAt = at,
            Rules = rules,
            RulesJournal = coveredBatch is null ? null : Journal,
            RulesBatch = coveredBatch,
        });

    /// <summary>Batch <paramref name="number"/> of this agent's journal, sent out of the usual order.</summary>
    public async Task<RuleChangeBatch> SendNumberedAsync(long number, params RuleChange[] changes)
    {
        var batch = new RuleChangeBatch(Name, Journal, number, changes.Max(c => c.At), changes);
        _batch = Math.Max(_batch, number);
        await SendAsync(batch);
        return batch;
    }

    /// <summary>The next batch of this agent's journal; returns it so a test can send it again.</summary>
    public async Task<RuleChangeBatch> SendAsync(params RuleChange[] changes)
    {
        var batch = new RuleChangeBatch(Name, Journal, ++_batch, changes.Max(c => c.At), changes);
        await SendAsync(batch);
        return batch;
    }

    public Task SendAsync(RuleChangeBatch batch) =>
        Agent.Connection.InvokeAsync(AgentHubMethods.RuleChanges, batch, TestContext.Current.CancellationToken);

    public ValueTask DisposeAsync() => Agent.DisposeAsync();
}
