using BenchmarkDotNet.Running;
using Portal.Benchmarks.Iptables;

// "floor [runs]": iptables-save's own time on the generated rulesets, beside parse+diff of what it printed.
if (args.Length > 0 && args[0] == "floor")
{
    var runs = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 10;
    return await IptablesSaveFloor.RunAsync([1_000, 10_000, 50_000], runs, CancellationToken.None);
}

// "quick [runs]": medians of parse, diff and ownership in process, for a fast look while tuning.
if (args.Length > 0 && args[0] == "quick")
{
    return QuickTiming.Run([1_000, 10_000, 50_000], args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 20);
}

// "portal-chain [pairs] [runs]": issue 4's ICC plus link pairs in one restore, beside one process per rule.
if (args.Length > 0 && args[0] == "portal-chain")
{
    var pairs = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 500;
    var runs = args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 10;
    return await Portal.Benchmarks.PortalChain.PortalChainApply.RunAsync(pairs, runs, CancellationToken.None);
}

// "delta-size [rules]": bytes of one delta before (the host's whole rule list) and after (only the changed chains).
if (args.Length > 0 && args[0] == "delta-size")
{
    return Portal.Benchmarks.State.DeltaSize.Run(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 10_000);
}

// "reachability [runs]": issue 12's matrix (100 containers x 5 ports on 10k rules) and one query on 50k rules.
if (args.Length > 0 && args[0] == "reachability")
{
    return Portal.Benchmarks.Reachability.ReachabilityTiming.Run(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 10);
}

// "plandiff [runs]": the reachability diff a plan carries (issue 12 item 5), on 10k rules with 100 containers x 5 ports.
if (args.Length > 0 && args[0] == "plandiff")
{
    return Portal.Benchmarks.Reachability.PlanDiffTiming.Run(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 5);
}

// "counters [runs]": issue 12's rule counters: parse of iptables-save -c, what moved, the batch's size.
if (args.Length > 0 && args[0] == "counters")
{
    return CountersTiming.Run([1_000, 10_000, 50_000], args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 20);
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
