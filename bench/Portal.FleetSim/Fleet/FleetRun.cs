using System.Diagnostics;
using System.Globalization;
using Portal.Contracts.Api;
using Portal.FleetSim.Browsers;
using Portal.FleetSim.Hosts;
using Portal.FleetSim.Server;

namespace Portal.FleetSim.Fleet;

/// <summary>
/// One run: K browsers sign in and connect, then each stage grows the fleet to its size (hosts created through the
/// admin API with their tokens, agents connected and their snapshots sent), lets it settle, and measures a window of
/// changes (change -> browser latency, server memory and CPU, load average). A stage over the p95 limit ends the ramp.
/// </summary>
public sealed class FleetRun(FleetOptions options, IReadOnlyList<FleetEndpoint> endpoints, PortalSession admin, string viewerPassword, TextWriter output)
{
    private readonly FleetCounters _counters = new();
    private BrowserProcess? _browsers;
    private readonly string _prefix = "fleet-" + Guid.NewGuid().ToString("N")[..4] + "-";
    private SimulatedAgent[] _agents = [];

    public async Task<IReadOnlyList<StageResult>> RunAsync(IReadOnlyList<ProcessSampler> servers, CancellationToken cancellationToken)
    {
        var results = new List<StageResult>();
        await ConnectBrowsersAsync(cancellationToken);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var driver = Task.Run(() => DriveAsync(stop.Token), CancellationToken.None);
        try
        {
            foreach (var hosts in options.Stages)
            {
                await GrowAsync(hosts, cancellationToken);
                output.WriteLine($"stage {hosts} hosts: warming up {options.Warmup.TotalSeconds:0} s");
                await Task.Delay(options.Warmup, cancellationToken);
                var result = await MeasureAsync(servers, cancellationToken);
                results.Add(result);
                output.WriteLine(StageResult.Header);
                output.WriteLine(result.Row());
                if (result.P95 > options.P95LimitMs || double.IsNaN(result.P95))
                {
                    output.WriteLine($"stage {hosts} hosts: p95 {result.P95:0} ms is over the {options.P95LimitMs:0} ms limit; the ramp stops");
                    break;
                }
            }
        }
        finally
        {
            await stop.CancelAsync();
            await driver;
            foreach (var agent in _agents)
            {
                await agent.DisposeAsync();
            }

            if (_browsers is not null)
            {
                await _browsers.DisposeAsync();
            }
        }

        return results;
    }

    private async Task ConnectBrowsersAsync(CancellationToken cancellationToken)
    {
        var viewer = _prefix + "viewer";
        await admin.CreateUserAsync(viewer, viewerPassword, Roles.Viewer, cancellationToken);
        _browsers = BrowserProcess.Start();
        for (var b = 0; b < options.Browsers; b++)
        {
            var endpoint = endpoints[b % endpoints.Count];
            using var session = await PortalSession.SignInAsync(endpoint.Server, viewer, viewerPassword, cancellationToken);
            await _browsers.AddAsync(endpoint, session.CookieHeader, options.WatchHostList);
        }

        output.WriteLine($"{_browsers.Count} browsers signed in and connected (in a process of their own)");
    }

    /// <summary>Adds hosts up to <paramref name="hosts"/>: created, watched by their browser, agent connected with its snapshot.</summary>
    private async Task GrowAsync(int hosts, CancellationToken cancellationToken)
    {
        var from = _agents.Length;
        if (hosts <= from)
        {
            return;
        }

        var added = new SimulatedAgent[hosts - from];
        var done = 0;
        var clock = Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(from, hosts - from), new ParallelOptions { MaxDegreeOfParallelism = options.Parallel, CancellationToken = cancellationToken }, async (i, ct) =>
        {
            var name = _prefix + i.ToString("D5", CultureInfo.InvariantCulture);
            var created = await admin.CreateHostAsync(name, ct);
            if (_browsers is { Count: > 0 } browsers)
            {
                await browsers.WatchAsync(i % browsers.Count, name);
            }

            // Host i's browser is browser i mod K, on server (i mod K) mod n; its agent is on server (i div K) mod n: with
            // replicas, half the hosts' changes cross from one replica to the other on their way to the browser.
            var agent = new SimulatedAgent(endpoints[i / Math.Max(1, options.Browsers) % endpoints.Count], created.Token, new SyntheticHost(name, options.Containers, options.Rules), _counters);
            await agent.StartAsync(ct);
            added[i - from] = agent;
            var count = Interlocked.Increment(ref done);
            if (count % Math.Max(1, (hosts - from) / 10) == 0 || count == hosts - from)
            {
                output.WriteLine($"  setup: {from + count}/{hosts} hosts online ({clock.Elapsed.TotalSeconds:0} s)");
            }
        });
        _agents = [.. _agents, .. added];
    }

    /// <summary>Spreads the changes evenly: with n agents and a period P per host, one change every P/n, host after host.</summary>
    private async Task DriveAsync(CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var next = 0.0;
        var turn = 0L;
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                var agents = _agents;
                if (agents.Length == 0)
                {
                    await Task.Delay(100, cancellationToken);
                    next = clock.Elapsed.TotalMilliseconds;
                    continue;
                }

                next += options.Period.TotalMilliseconds / agents.Length;
                var wait = next - clock.Elapsed.TotalMilliseconds;
                if (wait >= 1)
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(wait), cancellationToken);
                }
                else if (wait < -1000)
                {
                    // Far behind (the machine stalled): go on from now rather than bursting.
                    next = clock.Elapsed.TotalMilliseconds;
                }

                _ = agents[turn++ % agents.Length].ChangeAsync(cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    private async Task<StageResult> MeasureAsync(IReadOnlyList<ProcessSampler> servers, CancellationToken cancellationToken)
    {
        _counters.Reset();
        await _browsers!.TakeAsync();
        var loadBefore = ProcessSampler.LoadAverage();
        var self = Process.GetCurrentProcess();
        var selfCpu = self.TotalProcessorTime;
        var selfPause = GC.GetTotalPauseDuration();
        foreach (var server in servers)
        {
            server.Start();
        }

        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < options.Window)
        {
            await Task.Delay(TimeSpan.FromSeconds(5), cancellationToken);
            foreach (var server in servers)
            {
                server.Sample();
            }

            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {clock.Elapsed.TotalSeconds:0} s: sent {_counters.SentCount}, failed {_counters.FailedCount}, snapshot requests {_counters.SnapshotRequests}, load {ProcessSampler.LoadAverage()}{(_counters.LastError is { } e ? ", last error: " + e : "")}"));
        }

        var seconds = clock.Elapsed.TotalSeconds;
        var browsers = await _browsers.TakeAsync();
        self.Refresh();
        var simulatorCpu = (self.TotalProcessorTime - selfCpu).TotalSeconds / seconds * 100;
        return new StageResult(
            _agents.Length,
            _counters.SentCount / seconds,
            _counters.SentCount,
            (long)browsers[0],
            _counters.FailedCount,
            _counters.SnapshotRequests,
            browsers[1],
            browsers[2],
            browsers[3],
            browsers[4],
            [.. servers.Select(s => s.Stop())],
            simulatorCpu,
            (GC.GetTotalPauseDuration() - selfPause).TotalMilliseconds,
            browsers[5],
            loadBefore,
            ProcessSampler.LoadAverage());
    }
}
