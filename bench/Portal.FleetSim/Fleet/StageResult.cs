using System.Globalization;

namespace Portal.FleetSim.Fleet;

/// <summary>The figures of one measured stage.</summary>
public sealed record StageResult(
    int Hosts,
    double ChangesPerSecond,
    long Sent,
    long Seen,
    long Failed,
    long SnapshotRequests,
    double P50,
    double P95,
    double P99,
    double Max,
    IReadOnlyList<(double MedianMiB, double PeakMiB, double CpuPercent)> Servers,
    double SimulatorCpuPercent,
    double SimulatorGcPauseMs,
    double BrowsersGcPauseMs,
    string LoadBefore,
    string LoadAfter)
{
    public const string Header = "| hosts | changes/s | sent | seen | failed | snapshot requests | p50 ms | p95 ms | p99 ms | max ms | server RSS median/peak MiB | server CPU % of a core | simulator CPU % | GC pause ms agents / browsers | load average (start -> end) |\n|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|";

    public string Row() => string.Create(CultureInfo.InvariantCulture,
        $"| {Hosts} | {ChangesPerSecond:0.0} | {Sent} | {Seen} | {Failed} | {SnapshotRequests} | {P50:0} | {P95:0} | {P99:0} | {Max:0} | {string.Join(" + ", Servers.Select(s => $"{s.MedianMiB:0}/{s.PeakMiB:0}"))} | {string.Join(" + ", Servers.Select(s => $"{s.CpuPercent:0}"))} | {SimulatorCpuPercent:0} | {SimulatorGcPauseMs:0} / {BrowsersGcPauseMs:0} | {LoadBefore} -> {LoadAfter} |");
}
