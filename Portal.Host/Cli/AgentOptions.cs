namespace Portal.Host.Cli;

/// <summary>
/// What the command line (and its environment fallbacks) asked for. <see cref="State"/> is the agent's state folder
/// (journal, outbox of rule history, last acknowledged rules), set for <c>run</c>.
/// </summary>
public sealed record AgentOptions(
    string Command,
    Uri Docker,
    string Host,
    Uri? Server,
    string? Token,
    bool Verbose,
    string? State = null);
