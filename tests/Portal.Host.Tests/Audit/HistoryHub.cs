using System.Collections.Concurrent;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.AspNetCore.SignalR;
using Portal.Contracts.Agent;
using Portal.Contracts.Model;

namespace Portal.Host.Tests.Audit;

/// <summary>A stand-in for the server's agent hub that stores rule history batches (each once) and snapshots.</summary>
public sealed class HistoryHub(HistoryRecording recording) : Hub
{
    /// <summary>As the server: the token is docker1's.</summary>
    [HubMethodName(AgentHubMethods.Hello)]
    public AgentWelcome Hello(AgentHello hello) => new("docker1");

    [HubMethodName(AgentHubMethods.Snapshot)]
    public Task Snapshot(JsonElement message) =>
        recording.Snapshots.Writer.WriteAsync(message.Deserialize<HostSnapshot>(PortalJson.Options)!).AsTask();

    [HubMethodName(AgentHubMethods.Delta)]
    public Task Delta(JsonElement message) => Task.CompletedTask;

    /// <summary>Returning is the acknowledgement: the batch is stored (a replay of a stored one is dropped).</summary>
    [HubMethodName(AgentHubMethods.RuleChanges)]
    public Task RuleChanges(JsonElement message)
    {
        var batch = message.Deserialize<RuleChangeBatch>(PortalJson.Options)!;
        Interlocked.Increment(ref recording.Deliveries);
        recording.Batches.TryAdd((batch.Journal, batch.Batch), batch);
        return Task.CompletedTask;
    }
}

/// <summary>What the history hub received.</summary>
public sealed class HistoryRecording
{
    public int Deliveries;

    public ConcurrentDictionary<(Guid Journal, long Batch), RuleChangeBatch> Batches { get; } = new();

    public Channel<HostSnapshot> Snapshots { get; } = Channel.CreateUnbounded<HostSnapshot>();

    /// <summary>Every stored change, batch by batch in order.</summary>
    public IReadOnlyList<RuleChange> Changes() =>
        Batches.Values.OrderBy(b => b.Batch).SelectMany(b => b.Changes).ToList();

    public async Task<RuleChange> WaitForChangeAsync(Func<RuleChange, bool> match, CancellationToken cancellationToken, int seconds = 30)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(seconds));
        while (true)
        {
            if (Changes().FirstOrDefault(match) is { } found)
            {
                return found;
            }

            await Task.Delay(50, timeout.Token);
        }
    }
}
