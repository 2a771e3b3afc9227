using System.Globalization;
using Portal.Contracts.Plans;

namespace Portal.Core.Reachability;

/// <summary>The changed pairs listed (at most the limit), how many more changed, and how many pairs and ports were compared.</summary>
public sealed record ReachabilityDiffResult(IReadOnlyList<PlannedReachability> Pairs, int Omitted, int Compared)
{
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Pairs.Count} changed (+{Omitted} more) of {Compared}");
}
