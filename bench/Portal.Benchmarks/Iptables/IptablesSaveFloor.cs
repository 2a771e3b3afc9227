using System.Diagnostics;
using Portal.Core.Iptables;

namespace Portal.Benchmarks.Iptables;

/// <summary>
/// The floor: how long iptables-save itself takes to print the same generated rules. Loads each ruleset into a
/// network namespace of its own (core-bench, created and deleted here; never the machine's own rules), times
/// iptables-save, and times parse+diff of exactly what it printed, medians of <c>runs</c> runs each.
/// </summary>
public static class IptablesSaveFloor
{
    private const string Namespace = "core-bench";
    private static readonly string NamespacePath = $"/var/run/netns/{Namespace}";

    public static async Task<int> RunAsync(int[] sizes, int runs, CancellationToken cancellationToken)
    {
        await RunAsync("ip", ["netns", "add", Namespace], null, cancellationToken);
        try
        {
            Console.WriteLine("rules\tbytes\tiptables-save median ms\tparse median ms\tparse+diff median ms\tratio parse+diff/save");
            foreach (var size in sizes)
            {
                var before = RulesetGenerator.Generate(size);
                var after = RulesetGenerator.Generate(size, changedContainers: 2);
                await RunAsync("nsenter", [$"--net={NamespacePath}", "iptables-restore"], after, cancellationToken);

                var printed = string.Empty;
                var saveTimes = new List<double>();
                for (var run = 0; run < runs + 1; run++)
                {
                    var watch = Stopwatch.StartNew();
                    printed = await RunAsync("nsenter", [$"--net={NamespacePath}", "iptables-save"], null, cancellationToken);
                    watch.Stop();
                    if (run > 0)
                    {
                        saveTimes.Add(watch.Elapsed.TotalMilliseconds);
                    }
                }

                var rules = RulesetParser.Parse(printed).AllRules.Count();
                var previous = RulesetParser.Parse(before);
                var parseTimes = new List<double>();
                var diffTimes = new List<double>();
                for (var run = 0; run < runs + 3; run++)
                {
                    var watch = Stopwatch.StartNew();
                    var parsed = RulesetParser.Parse(printed);
                    var parseMs = watch.Elapsed.TotalMilliseconds;
                    RulesetDiffer.Diff(previous, parsed);
                    watch.Stop();
                    if (run >= 3)
                    {
                        parseTimes.Add(parseMs);
                        diffTimes.Add(watch.Elapsed.TotalMilliseconds);
                    }
                }

                var save = Median(saveTimes);
                var diff = Median(diffTimes);
                Console.WriteLine($"{rules}\t{printed.Length}\t{save:F1}\t{Median(parseTimes):F2}\t{diff:F2}\t{diff / save:P1}");
            }
        }
        finally
        {
            await RunAsync("ip", ["netns", "del", Namespace], null, CancellationToken.None);
        }

        return 0;
    }

    internal static double Median(List<double> values)
    {
        values.Sort();
        return values.Count % 2 == 1 ? values[values.Count / 2] : (values[(values.Count / 2) - 1] + values[values.Count / 2]) / 2;
    }

    internal static async Task<string> RunAsync(string program, string[] arguments, string? input, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardInput = input is not null,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {program}");
        if (input is not null)
        {
            await process.StandardInput.WriteAsync(input.AsMemory(), cancellationToken);
            process.StandardInput.Close();
        }

        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} failed ({process.ExitCode}): {await error}");
        }

        return await output;
    }
}
