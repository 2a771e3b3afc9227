namespace Portal.Contracts.Agent;

/// <summary>
/// The version of the agent protocol on <c>/hubs/agent</c>, said in <see cref="AgentHello"/>. The server accepts one
/// version only: an agent of another one is refused with "agent speaks protocol N, server needs M", which the agent
/// logs (and stops on) and the admin page shows, instead of messages the server would misread.
/// </summary>
public static class AgentProtocol
{
    /// <summary>
    /// 4: flow reports (<see cref="AgentHubMethods.Flows"/>), from conntrack's new and destroyed connections; rule
    /// counters (<see cref="AgentHubMethods.Counters"/>); the portal rule set carries allow-list policies (the sub-chain
    /// PORTAL-POLICY).
    /// 3: rule owners of kinds "swarm" and "direct-access" (Docker 28/29 rules); IPv6 rules, endpoint and bridge
    /// addresses; the built-in chains' policies; the host's own interfaces and addresses; the command "addresses".
    /// 2: every connection opens with <see cref="AgentHubMethods.Hello"/>; a delta carries only its changed chains.
    /// </summary>
    public const int Current = 4;

    /// <summary>1: agents from before the handshake carried a version (deltas with whole tables, no hello).</summary>
    public const int Unversioned = 1;

    public static string Mismatch(int spoken) => $"agent speaks protocol {spoken}, server needs {Current}";
}
