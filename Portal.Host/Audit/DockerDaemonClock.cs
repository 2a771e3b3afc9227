using System.Globalization;

namespace Portal.Host.Audit;

/// <summary>
/// When the dockerd serving the agent's socket started: the process holding that listening unix socket (found through
/// /proc/net/unix and the processes' fds), and its start time from /proc. Null when it cannot be seen (another pid
/// namespace, a socket reached through a bind mount): the start-up diff then calls what it finds external.
/// </summary>
public sealed class DockerDaemonClock(string socketPath)
{
    // USER_HZ: the unit of /proc/PID/stat's start time; 100 on every Linux architecture .NET runs on.
    private const double TicksPerSecond = 100;

    private int _pid;
    private DateTimeOffset? _started;

    public static DockerDaemonClock For(Uri dockerEndpoint) => new(dockerEndpoint.LocalPath);

    /// <summary>The daemon's start time, re-checked each call (cheap while the same process is alive).</summary>
    public DateTimeOffset? Started()
    {
        try
        {
            if (_pid > 0 && _started is { } known && StartTime(_pid) == known)
            {
                return known;
            }

            _pid = FindDaemon() ?? 0;
            _started = _pid > 0 ? StartTime(_pid) : null;
            return _started;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            return null;
        }
    }

    private int? FindDaemon()
    {
        var inodes = ListeningInodes();
        if (inodes.Count == 0)
        {
            return null;
        }

        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), out var pid))
            {
                continue;
            }

            try
            {
                foreach (var fd in Directory.EnumerateFileSystemEntries(Path.Combine(directory, "fd")))
                {
                    var target = new FileInfo(fd).LinkTarget;
                    if (target is not null && target.StartsWith("socket:[", StringComparison.Ordinal)
                        && inodes.Contains(target[8..^1]))
                    {
                        return pid;
                    }
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // A process that ended while we looked, or one we may not read.
            }
        }

        return null;
    }

    /// <summary>Inodes of listening sockets bound to the path (/proc/net/unix: "Num RefCount Protocol Flags Type St Inode Path").</summary>
    private HashSet<string> ListeningInodes()
    {
        var inodes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var line in File.ReadLines("/proc/net/unix").Skip(1))
        {
            var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length >= 8 && fields[7] == socketPath && fields[5] == "01")
            {
                inodes.Add(fields[6]);
            }
        }

        return inodes;
    }

    private static DateTimeOffset StartTime(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        // Fields after "(comm) ": state is field 3, so starttime (field 22) is index 19 here.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var ticks = long.Parse(fields[19], CultureInfo.InvariantCulture);
        var boot = File.ReadLines("/proc/stat").First(l => l.StartsWith("btime ", StringComparison.Ordinal));
        var bootSeconds = long.Parse(boot[6..].Trim(), CultureInfo.InvariantCulture);
        return DateTimeOffset.FromUnixTimeSeconds(bootSeconds).AddSeconds(ticks / TicksPerSecond);
    }
}
