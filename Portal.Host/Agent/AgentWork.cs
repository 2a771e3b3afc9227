using Portal.Host.Iptables;

namespace Portal.Host.Agent;

/// <summary>One item for the agent's single worker, which owns the observed state and the sequence numbers.</summary>
public abstract record AgentWork
{
    /// <summary>Re-read engine and kernel (an engine event, a link event, a resync).</summary>
    public sealed record Refresh(string Reason) : AgentWork;

    /// <summary>The rules changed.</summary>
    public sealed record Rules(RuleObservation Observation) : AgentWork;

    /// <summary>Send a full snapshot (connected, reconnected, or the server asked).</summary>
    public sealed record SendSnapshot(string Reason) : AgentWork;
}
