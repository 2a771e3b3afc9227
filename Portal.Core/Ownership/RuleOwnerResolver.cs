using Portal.Contracts.Model;
using Portal.Core.Iptables;
using Portal.Core.RuleShapes;

namespace Portal.Core.Ownership;

/// <summary>
/// Owners of rules for one view of a host's bridges and containers, reusable across rules: an agent builds one per
/// state change and asks it about the rules a diff reported, instead of resolving the whole ruleset again.
/// Not thread-safe (it keeps scratch buffers); use one per thread.
/// </summary>
public sealed class RuleOwnerResolver
{
    private readonly OwnershipContext context;
    private readonly IReadOnlyList<RuleShape> shapes;
    private readonly Dictionary<(string Table, string Chain), RuleShape[]> byChain = [];
    private readonly Dictionary<string, string> bindings = new(StringComparer.Ordinal);
    private readonly List<string> tokens = new(24);

    public RuleOwnerResolver(IReadOnlyList<Bridge> bridges, IReadOnlyList<Container> containers, IReadOnlyList<RuleShape>? shapes = null)
    {
        ArgumentNullException.ThrowIfNull(bridges);
        ArgumentNullException.ThrowIfNull(containers);
        context = new OwnershipContext(bridges, containers);
        this.shapes = shapes ?? RuleShapeCatalogue.All;
    }

    /// <summary>Every rule of every table, in order, with its owner.</summary>
    public IReadOnlyList<Rule> Resolve(Ruleset rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        var result = new List<Rule>();
        foreach (var rule in rules.AllRules)
        {
            result.Add(new Rule(RuleFamily.PlainTable(rule.Table), rule.Chain, rule.Index, rule.Text, Owner(rule), RuleFamily.IsIpv6(rule.Table)));
        }

        return result;
    }

    public RuleOwner Owner(ParsedRule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        // Docker 29's nftables backend: the rule's text is nft's own syntax (NftSaveText), judged by its layout.
        if (NftOwnership.IsDockerTable(RuleFamily.PlainTable(rule.Table)))
        {
            var head = $"-A {rule.Chain} ";
            return NftOwnership.Owner(rule.Chain, rule.Text.StartsWith(head, StringComparison.Ordinal) ? rule.Text[head.Length..] : rule.Text, context);
        }

        if (rule.Verbatim)
        {
            return RuleOwner.Unknown;
        }

        // Only the shapes that can apply to this table and chain, worked out once per chain (an ip6tables rule is
        // judged by the shapes of its plain table).
        if (!byChain.TryGetValue((rule.Table, rule.Chain), out var applicable))
        {
            var table = RuleFamily.PlainTable(rule.Table);
            applicable = shapes.Where(s => s.Applies(table, rule.Chain)).ToArray();
            byChain.Add((rule.Table, rule.Chain), applicable);
        }

        // An IPv6 rule is Docker's mirror of an IPv4 one: matched in IPv4 form first (as written, "[addr]:port" would
        // bind "[addr" as an address), then as written for shapes that spell IPv6 out.
        RuleTokens.Fill(rule, tokens);
        if (RuleFamily.IsIpv6(rule.Table) && Ipv6Tokens.Rewrite(tokens))
        {
            if (Match(applicable) is { } mirrored)
            {
                return mirrored;
            }

            RuleTokens.Fill(rule, tokens);
        }

        return Match(applicable) ?? RuleOwner.Unknown;
    }

    private RuleOwner? Match(RuleShape[] applicable)
    {
        foreach (var shape in applicable)
        {
            if (shape.TryMatch(tokens, bindings))
            {
                return OwnerResolution.Resolve(shape, bindings, context);
            }
        }

        return null;
    }
}
