using System.Diagnostics;
using System.Globalization;
using Portal.Lab;
using Portal.Lab.Stack;

namespace Portal.LatencyHarness;

using Lab = Portal.Lab.Lab;

/// <summary>
/// From an external iptables command in docker1's namespace to its audit row being visible through
/// <c>GET /api/audit</c>, over N changes. The clock starts when the iptables process has exited (the rule is in the
/// kernel) and stops at the first API answer whose newest row of the chain is that rule; polled every 5 ms.
/// </summary>
internal static class AuditLatency
{
    private static readonly TimeSpan PollEvery = TimeSpan.FromMilliseconds(5);

    public static async Task<IReadOnlyList<double>> MeasureAsync(int changes, CancellationToken ct)
    {
        var host = Lab.Docker1;
        await using var stack = await PortalStack.StartAsync([host], ct);
        var chain = Lab.UniqueName("hist-");
        await IptablesAsync(host, ["-N", chain], ct);
        var latencies = new List<double>();
        try
        {
            for (var i = 0; i < changes; i++)
            {
                var spec = $"-s 10.98.{i / 250}.{i % 250 + 1}/32 -j ACCEPT";
                await IptablesAsync(host, ["-A", chain, .. spec.Split(' ')], ct);
                var clock = Stopwatch.StartNew();
                await WaitRowAsync(stack.Admin, chain, $"-A {chain} {spec}", ct);
                latencies.Add(clock.Elapsed.TotalMilliseconds);
                // Let the agent settle, so that each change is measured on its own rather than inside the previous burst.
                await Task.Delay(100, ct);
            }
        }
        finally
        {
            await LabCommand.RunAsync("nsenter", [$"--net={host.Namespace}", "iptables", "-w", "-t", "filter", "-F", chain], CancellationToken.None);
            await LabCommand.RunAsync("nsenter", [$"--net={host.Namespace}", "iptables", "-w", "-t", "filter", "-X", chain], CancellationToken.None);
        }

        return latencies;
    }

    /// <summary>The machine's load average as /proc/loadavg says it (1, 5, 15 minutes).</summary>
    public static string Load() => string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));

    private static async Task WaitRowAsync(PortalSession admin, string chain, string rule, CancellationToken ct)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(30))
        {
            var rows = await admin.GetJsonAsync($"/api/audit?host=docker1&chain={chain}&limit=1", ct);
            if (rows.AsArray().FirstOrDefault()?["rule"]?.GetValue<string>() == rule)
            {
                return;
            }

            await Task.Delay(PollEvery, ct);
        }

        throw new TimeoutException($"{rule} did not reach /api/audit within 30 s");
    }

    private static Task<string> IptablesAsync(LabHost host, string[] args, CancellationToken ct) =>
        LabCommand.CheckedAsync("nsenter", [$"--net={host.Namespace}", "iptables", "-w", "-t", "filter", .. args], ct);

    public static string Describe(IReadOnlyList<double> latencies) =>
        Percentiles.Describe("external iptables change -> row visible in GET /api/audit", latencies)
        + string.Create(CultureInfo.InvariantCulture, $" min={latencies.Min():0.0} ms");
}
