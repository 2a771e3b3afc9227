namespace Portal.Host.Cli;

/// <summary>
/// What the command line (and its environment fallbacks) asked for. <see cref="Host"/> is, for <c>snapshot</c> and
/// <c>execute</c>, the name written into the snapshot; for <c>run</c> only a claim the server checks against the
/// token (null: the server names the host). <see cref="State"/> is the agent's state folder (journal, outbox of rule
/// history, last acknowledged rules) when given; <c>run</c> otherwise names it after the host the server confirms.
/// <see cref="Trust"/> holds the private CA of <c>--ca-file</c>; <see cref="CountersInterval"/> is <c>--counters-interval</c>
/// (zero: no counters).
/// </summary>
public sealed record AgentOptions(
    string Command,
    Uri Docker,
    string? Host,
    Uri? Server,
    string? Token,
    bool Verbose,
    string? State = null,
    Agent.ServerTrust? Trust = null)
{
    public static readonly TimeSpan DefaultCountersInterval = TimeSpan.FromSeconds(2);

    public TimeSpan CountersInterval { get; init; } = DefaultCountersInterval;
}
