namespace Portal.Host.Cli;

/// <summary>What the command line (and its environment fallbacks) asked for.</summary>
public sealed record AgentOptions(
    string Command,
    Uri Docker,
    string Host,
    Uri? Server,
    string? Token,
    bool Verbose);
