using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace Portal.Host.Iptables;

/// <summary>
/// Runs <c>xtables-monitor -e</c> as a child process in the agent's namespace and reports each nf_tables
/// transaction as it is committed. stdbuf makes the child flush per line; otherwise stdio would hold events
/// back in a 4 KB buffer. Returns when the child exits (the caller falls back to polling).
/// </summary>
public sealed class XtablesMonitor(ILogger logger)
{
    public static bool IsAvailable => FindProgram("xtables-monitor") is not null;

    /// <param name="onStarted">Called once the child runs, so the caller can re-read what happened before it listened.</param>
    public async Task RunAsync(Action<XtablesBatch> onBatch, Action onStarted, CancellationToken cancellationToken)
    {
        var monitor = FindProgram("xtables-monitor") ?? throw new IOException("xtables-monitor is not installed");
        var stdbuf = FindProgram("stdbuf");
        var start = new ProcessStartInfo(stdbuf ?? monitor)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (stdbuf is not null)
        {
            start.ArgumentList.Add("-oL");
            start.ArgumentList.Add(monitor);
        }

        // Both families: ip6tables' events name their tables ip6:TABLE (XtablesMonitorParser).
        start.ArgumentList.Add("-e");

        using var process = Process.Start(start) ?? throw new IOException("could not start xtables-monitor");
        try
        {
            await ReadAsync(process, onBatch, onStarted, cancellationToken);
        }
        finally
        {
            // However the reading ended (the agent stopping, a failure), the child does not outlive it.
            Kill(process);
        }
    }

    private async Task ReadAsync(Process process, Action<XtablesBatch> onBatch, Action onStarted, CancellationToken cancellationToken)
    {
        using var kill = cancellationToken.Register(() => Kill(process));
        logger.LogInformation("xtables-monitor started (pid {Pid})", process.Id);
        onStarted();

        var parser = new XtablesMonitorParser();
        long? lastGeneration = null;
        while (await process.StandardOutput.ReadLineAsync(cancellationToken) is { } line)
        {
            if (parser.Accept(line) is not { } batch)
            {
                continue;
            }

            var gap = lastGeneration is { } last && batch.Generation != last + 1;
            if (gap)
            {
                // Missed transactions are still caught by the full re-read and diff this batch triggers; only their
                // writers are unknown, which the batch carries so that attribution does not guess.
                logger.LogWarning("xtables-monitor generation gap: {Last} -> {Next}", lastGeneration, batch.Generation);
            }

            lastGeneration = batch.Generation;
            var parent = ParentName(batch.Pid);
            onBatch(batch with
            {
                Process = parent == "dockerd" ? "dockerd" : batch.Process,
                Parent = parent,
                At = DateTimeOffset.UtcNow,
                AfterGap = gap,
            });
        }

        await process.WaitForExitAsync(CancellationToken.None);
        cancellationToken.ThrowIfCancellationRequested();
        var error = await process.StandardError.ReadToEndAsync(CancellationToken.None);
        throw new IOException($"xtables-monitor exited with {process.ExitCode}: {error.Trim()}");
    }

    private static void Kill(Process process)
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill();
            }
        }
        catch (Exception e) when (e is InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            // Already gone.
        }
    }

    /// <summary>
    /// dockerd runs the iptables binary for each change, so the kernel names "iptables" as the writer. When the
    /// writer still exists, its parent tells who ran it ("dockerd" then replaces the bare program name); null when it
    /// has already exited.
    /// </summary>
    private static string? ParentName(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return File.ReadAllText($"/proc/{fields[1]}/comm").Trim();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or IndexOutOfRangeException or ArgumentOutOfRangeException)
        {
            return null;
        }
    }

    private static string? FindProgram(string name)
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? "/usr/sbin:/usr/bin:/sbin:/bin";
        foreach (var directory in path.Split(':').Concat(["/usr/sbin", "/sbin"]))
        {
            var candidate = Path.Combine(directory, name);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}
