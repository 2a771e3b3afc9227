using Portal.Contracts.Commands;
using Portal.Core.Audit;
using Portal.Core.PortalRules;

namespace Portal.Host.Commands;

/// <summary>
/// The commands the agent is applying now or finished a moment ago. Rule changes observed inside such a window
/// are the portal's (with the intent and the user) rather than Docker's or someone else's; one instance per agent,
/// shared by the executor (which opens windows) and the audit attribution (which reads them).
/// </summary>
public sealed class ActiveCommands(TimeProvider? time = null)
{
    /// <summary>How long a finished command still claims changes: Docker and the rule monitor report a little late.</summary>
    public static readonly TimeSpan Linger = TimeSpan.FromSeconds(5);

    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private readonly Lock _gate = new();
    private readonly List<Entry> _entries = [];

    public IDisposable Begin(AgentCommand command, IReadOnlySet<string> containers)
    {
        ArgumentNullException.ThrowIfNull(command);
        var entry = new Entry(this, command.Intent, command.User, _time.GetUtcNow(), containers, PredictedRules(command));
        lock (_gate)
        {
            _entries.Add(entry);
        }

        return entry;
    }

    public IReadOnlyList<CommandWindow> Windows(DateTimeOffset now)
    {
        lock (_gate)
        {
            _entries.RemoveAll(e => e.Finished is { } finished && now - finished > Linger);
            return [.. _entries.Select(e => new CommandWindow(e.Intent, e.User, e.Started, e.Finished, e.Containers, e.Predicted))];
        }
    }

    /// <summary>The rule texts a command is expected to add or remove (only the iptables commands know them up front).</summary>
    public static IReadOnlySet<string> PredictedRules(AgentCommand command) => command switch
    {
        ApplyPortalRulesCommand apply => new HashSet<string>(apply.Rules.RuleTexts().Append(Portal.Contracts.PortalRules.PortalRuleSet.JumpRule), StringComparer.Ordinal),
        RemoveStaleRulesCommand stale => new HashSet<string>(stale.Rules, StringComparer.Ordinal),
        _ => new HashSet<string>(StringComparer.Ordinal),
    };

    private void Finish(Entry entry)
    {
        lock (_gate)
        {
            entry.Finished ??= _time.GetUtcNow();
        }
    }

    private sealed class Entry(
        ActiveCommands owner,
        long intent,
        string? user,
        DateTimeOffset started,
        IReadOnlySet<string> containers,
        IReadOnlySet<string> predicted) : IDisposable
    {
        public long Intent => intent;

        public string? User => user;

        public DateTimeOffset Started => started;

        public DateTimeOffset? Finished { get; set; }

        public IReadOnlySet<string> Containers => containers;

        public IReadOnlySet<string> Predicted => predicted;

        public void Dispose() => owner.Finish(this);
    }
}
