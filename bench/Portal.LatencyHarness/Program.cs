using Portal.LatencyHarness;

// Usage: dotnet run -c Release --project bench/Portal.LatencyHarness -- [dom|audit|flows] [count]
var mode = args.ElementAtOrDefault(0) ?? "dom";
var count = mode == "probe" ? 0 : int.TryParse(args.ElementAtOrDefault(1), out var n) ? n : 50;
using var cancel = new CancellationTokenSource(TimeSpan.FromMinutes(15));
switch (mode)
{
    case "dom":
        var latencies = await DomLatency.MeasureAsync(count, cancel.Token);
        Console.WriteLine(Percentiles.Describe("docker start event -> DOM shows the container running", latencies));
        break;
    case "audit":
        Console.WriteLine($"load average before: {AuditLatency.Load()}");
        var audit = await AuditLatency.MeasureAsync(count, cancel.Token);
        Console.WriteLine(AuditLatency.Describe(audit));
        Console.WriteLine($"load average after: {AuditLatency.Load()}");
        break;
    case "flows":
        Console.WriteLine($"load average before: {AuditLatency.Load()}");
        var flows = await FlowLatency.MeasureAsync(count, cancel.Token);
        Console.WriteLine(Percentiles.Describe("new TCP connection -> FlowsChanged with its count on a browser's hub connection", flows));
        Console.WriteLine($"load average after: {AuditLatency.Load()}");
        break;
    case "probe":
        await PageProbe.RunAsync(args[1], cancel.Token);
        break;
    default:
        Console.Error.WriteLine($"unknown mode '{mode}'; modes: dom, audit, flows");
        return 2;
}

return 0;
