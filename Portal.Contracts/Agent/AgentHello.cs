namespace Portal.Contracts.Agent;

/// <summary>
/// Agent to server, first on every connection: <see cref="Host"/> is the name the agent was told with <c>--host</c>
/// (null when it was not told one). The token already names the host; a given name must match it.
/// <see cref="Protocol"/> is the <see cref="AgentProtocol"/> version the agent speaks.
/// </summary>
public sealed record AgentHello(string? Host, int Protocol = AgentProtocol.Unversioned);

/// <summary>Server to agent, the answer to <see cref="AgentHello"/>: the host its token belongs to.</summary>
public sealed record AgentWelcome(string Host);
