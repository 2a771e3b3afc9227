using Portal.Core.Iptables;
using K = Portal.Contracts.Model.RuleOwnerKind;

namespace Portal.Core.RuleShapes;

/// <summary>
/// Every rule shape the portal knows, each written once: the portal's own, those of each Docker version, and the
/// DOCKER-USER fallback. Ownership matches rules against <see cref="All"/>; plans render the rules of <see cref="Planned"/>;
/// the agent checks that a rule it is asked to delete is a link rule with <see cref="Match(string, string, IReadOnlyList{RuleShape})"/>. A new Docker version is a
/// new <see cref="DockerShapeSet"/> added to <see cref="Docker"/> (docs/rule-shapes.md).
/// </summary>
public static class RuleShapeCatalogue
{
    /// <summary>The portal's own chains and jumps; first, so that nothing else claims them.</summary>
    public static readonly IReadOnlyList<RuleShape> Portal =
    [
        new("portal-chain", "*", "PORTAL-*", "{*}", K.Portal),
        new("portal-jump", "*", "*", "{*} -j PORTAL-{chain}", K.Portal),
        new("portal-goto", "*", "*", "{*} -g PORTAL-{chain}", K.Portal),
    ];

    /// <summary>The Docker versions whose shapes are known, newest first: a shape two versions share is matched as the newer's.</summary>
    public static readonly IReadOnlyList<DockerShapeSet> Docker = [Docker2010Shapes.Set];

    /// <summary>The version whose rules plans predict.</summary>
    public static readonly DockerShapeSet Planned = Docker2010Shapes.Set;

    /// <summary>Whatever else sits in DOCKER-USER is the operator's (or another tool's).</summary>
    public static readonly IReadOnlyList<RuleShape> Fallback =
    [
        new("docker-user", "filter", "DOCKER-USER", "{*}", K.DockerUser),
    ];

    /// <summary>Every shape in matching order (first match wins): the portal's, each Docker version's (a shape two versions share, once), the fallback.</summary>
    public static readonly IReadOnlyList<RuleShape> All = [.. Portal, .. Docker.SelectMany(d => d.All).Distinct(), .. Fallback];

    /// <summary>The first of <paramref name="shapes"/> (default <see cref="All"/>) that one rule line of <paramref name="table"/> reads like, or null.</summary>
    public static ShapeMatch? Match(string table, string rule, IReadOnlyList<RuleShape>? shapes = null)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(rule);
        return Match(RulesetParser.ParseRule(table, rule), shapes);
    }

    /// <summary>The first of <paramref name="shapes"/> (default <see cref="All"/>) that a parsed rule reads like, or null.</summary>
    public static ShapeMatch? Match(ParsedRule rule, IReadOnlyList<RuleShape>? shapes = null)
    {
        ArgumentNullException.ThrowIfNull(rule);
        if (rule.Verbatim)
        {
            return null;
        }

        var tokens = new List<string>();
        RuleTokens.Fill(rule, tokens);
        var bindings = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var shape in shapes ?? All)
        {
            if (shape.Applies(rule.Table, rule.Chain) && shape.TryMatch(tokens, bindings))
            {
                return new ShapeMatch(shape, bindings);
            }
        }

        return null;
    }
}
