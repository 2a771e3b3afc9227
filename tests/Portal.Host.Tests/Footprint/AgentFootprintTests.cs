using Portal.Lab.Stack;

namespace Portal.Host.Tests.Footprint;

/// <summary>
/// The agent's idle footprint (docs/benchmarks.md, "Agent idle cost"): the publish output is one natively compiled
/// executable (no JIT, no runtime or assemblies to map), and it runs with Server GC under DATAS and no background GC.
/// Both are read from the running process itself: which files it maps and which threads the runtime started.
/// </summary>
public sealed class AgentFootprintTests
{
    [Fact]
    public async Task PublishedAgent_IsNative_WithServerGcAndNoBackgroundGc()
    {
        var agent = PortalBinaries.Agent;
        Assert.True(agent.Length == 1, $"publish the agent first (dotnet publish Portal.Host/Portal.Host.csproj -c Release -o artifacts/host); found {string.Join(' ', agent)}");

        // `run` against a closed port keeps retrying the connection: a live agent to look at, with nothing to talk to.
        await using var running = RunningProcess.Start(
            "agent",
            agent[0],
            ["run", "--server", "http://127.0.0.1:9", "--docker", "unix:///nonexistent.sock"],
            new Dictionary<string, string> { ["PORTAL_AGENT_TOKEN"] = "footprint-token", ["PORTAL_AGENT_STATE"] = Path.Combine(Path.GetTempPath(), "footprint-" + Guid.NewGuid()) });
        var (maps, threads) = await ObserveAsync(running, TestContext.Current.CancellationToken);

        Assert.DoesNotContain(maps, m => m.EndsWith("libcoreclr.so", StringComparison.Ordinal) || m.EndsWith("libclrjit.so", StringComparison.Ordinal) || m.EndsWith(".dll", StringComparison.Ordinal));
        Assert.Contains(".NET Server GC", threads);
        Assert.DoesNotContain(".NET BGC", threads);
    }

    /// <summary>The files the process maps and its threads' names, once its Generic Host is up (the console logger's thread).</summary>
    private static async Task<(HashSet<string> Maps, HashSet<string> Threads)> ObserveAsync(RunningProcess process, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            Assert.False(process.HasExited, $"the agent exited: {process.Output}");
            var threads = Directory.GetDirectories($"/proc/{process.Id}/task")
                .Select(t => File.ReadAllText(Path.Combine(t, "comm")).TrimEnd('\n'))
                .ToHashSet(StringComparer.Ordinal);
            if (threads.Any(t => t.StartsWith("Console logger", StringComparison.Ordinal)))
            {
                var maps = File.ReadAllLines($"/proc/{process.Id}/maps")
                    .Select(l => l.Split(' ', 6, StringSplitOptions.RemoveEmptyEntries))
                    .Where(f => f.Length == 6)
                    .Select(f => f[5].Trim())
                    .ToHashSet(StringComparer.Ordinal);
                return (maps, threads);
            }

            await Task.Delay(100, cancellationToken);
        }

        throw new TimeoutException($"the agent did not start its host within 10 s: {process.Output}");
    }
}
