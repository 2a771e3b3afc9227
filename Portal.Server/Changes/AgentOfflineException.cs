namespace Portal.Server.Changes;

/// <summary>The host's agent is not connected (or dropped while a command was on its way): nothing can be applied.</summary>
public sealed class AgentOfflineException(string host)
    : Exception($"agent for host '{host}' is offline")
{
    public string Host { get; } = host;
}
