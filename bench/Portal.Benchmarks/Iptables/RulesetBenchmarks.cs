using BenchmarkDotNet.Attributes;
using Portal.Contracts.Model;
using Portal.Core.Iptables;
using Portal.Core.Ownership;

namespace Portal.Benchmarks.Iptables;

/// <summary>
/// What the agent does with every iptables-save it reads: parse it, and diff it against the previous one. The two
/// rulesets differ by two containers that were replaced (a few rules of each chain).
/// </summary>
[MemoryDiagnoser]
public class RulesetBenchmarks
{
    private string after = string.Empty;
    private Ruleset previous = Ruleset.Empty;

    [Params(1_000, 10_000, 50_000)]
    public int Rules { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        previous = RulesetParser.Parse(RulesetGenerator.Generate(Rules));
        after = RulesetGenerator.Generate(Rules, changedContainers: 2);
    }

    [Benchmark]
    public Ruleset Parse() => RulesetParser.Parse(after);

    [Benchmark]
    public IReadOnlyList<RuleDiff> ParseAndDiff() => RulesetDiffer.Diff(previous, RulesetParser.Parse(after));

    /// <summary>Parse and tokenize every rule's options: the full parse that ownership of a whole snapshot needs.</summary>
    [Benchmark]
    public int ParseWithAllOptions()
    {
        var count = 0;
        foreach (var rule in RulesetParser.Parse(after).AllRules)
        {
            count += rule.Options.Count;
        }

        return count;
    }

    [Benchmark]
    public IReadOnlyList<Rule> ParseAndOwn() => RuleOwnership.Resolve(RulesetParser.Parse(after), [], []);
}
