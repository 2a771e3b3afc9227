using Portal.Core.Iptables;
using Portal.Host.Audit;

namespace Portal.Host.Agent;

/// <summary>What the watchers start from: the host the server named, the rules history starts at, the history itself.</summary>
public sealed record AgentStart(string Host, Ruleset InitialRules, RuleHistoryRecorder History);

/// <summary>
/// The agent's start-up handshake between its parts. The server connection says which host the token is for
/// (<see cref="Identified"/>); the worker then reads the first rules and opens the history (<see cref="Started"/>); only
/// then do the watchers start, from those rules, so that history and the first snapshot chain without a gap.
/// </summary>
public sealed class AgentSession
{
    private readonly TaskCompletionSource<string> _identified = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<AgentStart> _started = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Identified(string host) => _identified.TrySetResult(host);

    public Task<string> IdentifiedAsync(CancellationToken cancellationToken) => _identified.Task.WaitAsync(cancellationToken);

    public void Started(AgentStart start) => _started.TrySetResult(start);

    public Task<AgentStart> StartedAsync(CancellationToken cancellationToken) => _started.Task.WaitAsync(cancellationToken);
}
