namespace Portal.Host.Commands;

/// <summary>
/// What a command holds while it runs: the gates of the containers it changes (two changes to one container never
/// interleave) and, for the portal's own rule writes and network creation, the host-wide gate (one at a time).
/// </summary>
public sealed record CommandLock(IReadOnlySet<string> Containers, bool HostWide)
{
    public static CommandLock None { get; } = new(new HashSet<string>(StringComparer.Ordinal), false);

    public static CommandLock Host { get; } = None with { HostWide = true };

    public static CommandLock Container(string name) => new(new HashSet<string>([name], StringComparer.Ordinal), false);
}
