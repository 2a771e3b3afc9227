namespace Portal.Host.Agent;

/// <summary>
/// The server refused this agent for a reason a retry cannot cure (its <c>--host</c> names another host than its
/// token): the agent stops with <see cref="ExitCode"/> instead of retrying.
/// </summary>
public sealed class AgentRefusedException(string reason) : Exception(reason)
{
    /// <summary>EX_CONFIG of sysexits.h; the systemd unit does not restart on it (RestartPreventExitStatus).</summary>
    public const int ExitCode = 78;
}
