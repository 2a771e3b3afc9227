using System.Text;
using Portal.Contracts.Model;
using Portal.Core.Audit;
using Portal.Core.Iptables;

namespace Portal.Core.Tests.History;

public sealed class RuleHistoryTests
{
    [Fact]
    public void Replay_OfDifferBatches_RebuildsEveryIntermediateRulesetExactly()
    {
        // Random edits of realistic chains (with duplicates), each transition diffed by the real differ and replayed:
        // the history must equal each state as iptables-save would print it.
        var random = new Random(20261127);
        var pool = Enumerable.Range(0, 12).Select(i => $"-s 172.17.0.{i % 5}/32 -j ACCEPT").Append("-j RETURN").ToArray();
        var state = new Dictionary<string, List<string>>
        {
            ["DOCKER"] = [pool[0], pool[1], pool[1], pool[2]],
            ["DOCKER-USER"] = ["-j RETURN"],
            ["FORWARD"] = [],
        };
        var before = Parse(state);
        var history = new RuleHistory(Rules(before));

        for (var step = 0; step < 300; step++)
        {
            var chain = state.Keys.ElementAt(random.Next(state.Count));
            var rules = state[chain];
            switch (random.Next(3))
            {
                case 0:
                    rules.Insert(random.Next(rules.Count + 1), pool[random.Next(pool.Length)]);
                    break;
                case 1 when rules.Count > 0:
                    rules.RemoveAt(random.Next(rules.Count));
                    break;
                default:
                    if (rules.Count > 1)
                    {
                        var from = random.Next(rules.Count);
                        var moved = rules[from];
                        rules.RemoveAt(from);
                        rules.Insert(random.Next(rules.Count + 1), moved);
                    }

                    break;
            }

            var after = Parse(state);
            var batch = RulesetDiffer.Diff(before, after)
                .Select(d => new RuleChange(DateTimeOffset.UnixEpoch, d.Table, d.Chain, d.Change, d.Text, RuleOwner.Unknown, ChangeCause.External, d.Index))
                .ToList();
            history.Apply(batch);

            foreach (var (name, expected) in state)
            {
                Assert.Equal(expected.Select(r => $"-A {name} {r}"), history.Rules("filter", name));
            }

            before = after;
        }
    }

    [Fact]
    public void ToSaveLines_PrintsChainsInFirstSeenOrder()
    {
        var history = new RuleHistory(
        [
            new Rule("nat", "POSTROUTING", 1, "-A POSTROUTING -s 172.17.0.0/16 ! -o docker0 -j MASQUERADE", RuleOwner.Unknown),
            new Rule("nat", "DOCKER", 1, "-A DOCKER -i docker0 -j RETURN", RuleOwner.Unknown),
        ]);

        history.Apply([new RuleChange(DateTimeOffset.UnixEpoch, "nat", "DOCKER", ChangeKind.Added, "-A DOCKER ! -i docker0 -p tcp -m tcp --dport 8080 -j DNAT --to-destination 172.17.0.2:80", RuleOwner.Unknown, ChangeCause.External, 2)]);

        Assert.Equal(
            "-A POSTROUTING -s 172.17.0.0/16 ! -o docker0 -j MASQUERADE\n-A DOCKER -i docker0 -j RETURN\n-A DOCKER ! -i docker0 -p tcp -m tcp --dport 8080 -j DNAT --to-destination 172.17.0.2:80\n",
            history.ToSaveLines("nat"));
    }

    private static Ruleset Parse(Dictionary<string, List<string>> chains)
    {
        var text = new StringBuilder("*filter\n");
        foreach (var name in chains.Keys)
        {
            text.Append(':').Append(name).Append(" - [0:0]\n");
        }

        foreach (var (name, rules) in chains)
        {
            foreach (var rule in rules)
            {
                text.Append("-A ").Append(name).Append(' ').Append(rule).Append('\n');
            }
        }

        return RulesetParser.Parse(text.Append("COMMIT\n").ToString());
    }

    private static IEnumerable<Rule> Rules(Ruleset ruleset) =>
        ruleset.AllRules.Select(r => new Rule(r.Table, r.Chain, r.Index, r.Text, RuleOwner.Unknown));
}
