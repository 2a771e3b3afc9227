namespace Portal.Contracts.Agent;

/// <summary>
/// The agent protocol on SignalR <c>/hubs/agent</c>. The agent dials out with its host's bearer token.
/// </summary>
public static class AgentHubMethods
{
    /// <summary>
    /// Agent to server, invoked first on every connection: an <see cref="AgentHello"/> answered by an
    /// <see cref="AgentWelcome"/> naming the token's host; a <c>--host</c> that names another host fails the invocation
    /// with the reason (the agent then stops, and the admin page shows the reason).
    /// </summary>
    public const string Hello = "Hello";

    /// <summary>Agent to server: a full <see cref="Model.HostSnapshot"/>; sent on every (re)connect and on request.</summary>
    public const string Snapshot = "Snapshot";

    /// <summary>Agent to server: a numbered <see cref="Model.HostDelta"/>.</summary>
    public const string Delta = "Delta";

    /// <summary>
    /// Agent to server, invoked (not sent): a <see cref="Model.RuleChangeBatch"/> of rule history. The invocation
    /// completes once the server has stored it: that is the acknowledgement that lets the agent drop it from its outbox.
    /// </summary>
    public const string RuleChanges = "RuleChanges";

    /// <summary>
    /// Agent to server, invoked: a <see cref="Flows.FlowReport"/> of the connections conntrack reported since the last
    /// one. Completion is the acknowledgement; a refusal ("refused: ...") is final, any other failure is retried.
    /// </summary>
    public const string Flows = "Flows";
    /// Agent to server, sent (not invoked: a lost batch is superseded by the next): a <see cref="Model.RuleCounterBatch"/>
    /// of the rule counters that moved, every <c>--counters-interval</c> at most.
    /// </summary>
    public const string Counters = "Counters";

    /// <summary>Server to agent: send a full snapshot (the server saw a gap or lost its state).</summary>
    public const string RequestSnapshot = "RequestSnapshot";

    /// <summary>
    /// Server to agent, with a result (SignalR client results): execute one <see cref="Commands.AgentCommandEnvelope"/>
    /// and answer a <see cref="Commands.CommandResult"/>.
    /// </summary>
    public const string Execute = "Execute";

    /// <summary>The hub's path on the server.</summary>
    public const string Path = "/hubs/agent";
}
