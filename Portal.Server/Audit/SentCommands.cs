using Portal.Contracts.Model;

namespace Portal.Server.Audit;

/// <summary>
/// The server's own record of the commands it sent to each host's agent: intent, user and the window from sending to
/// the answer. An agent attributes the rule changes it observes, but only this record says which portal causes are
/// true: a row the agent attributes to the portal is kept only when the server sent that intent to that host around
/// that moment, and then with the user the server sent. Kept in memory for <see cref="Keep"/>: batches reach the
/// server seconds after the change, or after an outage of the connection; a batch held back across a server restart
/// loses its portal attribution (it becomes external, with a warning in the log).
/// </summary>
public sealed class SentCommands(TimeProvider clock)
{
    /// <summary>
    /// Slack around a command's window: the agent still claims Docker's late writes a moment after it answered
    /// (2 s), and its clock is not quite the server's.
    /// </summary>
    public static readonly TimeSpan Grace = TimeSpan.FromSeconds(10);

    public static readonly TimeSpan Keep = TimeSpan.FromHours(24);

    public const int MaxPerHost = 10_000;

    private readonly Lock _gate = new();
    private readonly Dictionary<string, List<Sent>> _hosts = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Records a command sent now; disposing the answer closes its window (answer, refusal, timeout or loss).</summary>
    public IDisposable Begin(string host, long intent, string? user) => Remember(host, intent, user, clock.GetUtcNow(), answered: null);

    /// <summary>The cause the server stands behind for a row the agent attributed to the portal, or null when it sent no such command then.</summary>
    public ChangeCause? Confirm(string host, ChangeCause claimed, DateTimeOffset at)
    {
        var intent = claimed.Intent ?? 0;
        var now = clock.GetUtcNow();
        lock (_gate)
        {
            if (!_hosts.TryGetValue(host, out var sent))
            {
                return null;
            }

            // Newest first: the same intent can be sent again (a retry, an undo), each time by the user who asked then.
            for (var i = sent.Count - 1; i >= 0; i--)
            {
                var command = sent[i];
                if (command.Intent == intent && at >= command.At - Grace && at <= (command.Answered ?? now) + Grace)
                {
                    return new ChangeCause(CauseKind.Portal, User: command.User, Intent: claimed.Intent);
                }
            }

            return null;
        }
    }

    /// <summary>A command's record with known times (also how tests stand in for commands sent long ago).</summary>
    internal Sent Remember(string host, long intent, string? user, DateTimeOffset at, DateTimeOffset? answered)
    {
        var command = new Sent(this, intent, user, at) { Answered = answered };
        lock (_gate)
        {
            if (!_hosts.TryGetValue(host, out var sent))
            {
                _hosts[host] = sent = [];
            }

            var cutoff = clock.GetUtcNow() - Keep;
            sent.RemoveAll(c => (c.Answered ?? DateTimeOffset.MaxValue) < cutoff);
            if (sent.Count >= MaxPerHost)
            {
                sent.RemoveRange(0, sent.Count - MaxPerHost + 1);
            }

            sent.Add(command);
        }

        return command;
    }

    private void Answer(Sent command)
    {
        lock (_gate)
        {
            command.Answered ??= clock.GetUtcNow();
        }
    }

    internal sealed class Sent(SentCommands owner, long intent, string? user, DateTimeOffset at) : IDisposable
    {
        public long Intent => intent;

        public string? User => user;

        public DateTimeOffset At => at;

        public DateTimeOffset? Answered { get; set; }

        public void Dispose() => owner.Answer(this);
    }
}
