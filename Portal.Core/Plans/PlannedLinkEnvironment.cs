using Portal.Contracts.Model;
using Portal.Contracts.Plans;
using Portal.Core.Links;
using Portal.Core.Secrets;

namespace Portal.Core.Plans;

/// <summary>
/// The variables a legacy link gives (or took from) the parent, as a plan shows them. The child's env is the server's
/// masked state, so each <c>ALIAS_ENV_X</c> copy of a masked X is masked too and carries no value.
/// </summary>
public static class PlannedLinkEnvironment
{
    public static IEnumerable<PlannedEnvVariable> For(string parent, ChangeKind change, string alias, string childIpv4, Container child)
    {
        var masked = child.Env.Where(e => e.Masked).Select(e => e.Name).ToHashSet(StringComparer.Ordinal);
        var copyPrefix = alias.ToUpperInvariant().Replace('-', '_') + "_ENV_";
        foreach (var variable in LinkEnvironment.Variables(parent, alias, childIpv4, child.Exposed, LinkEnvironment.ChildEnv(child)))
        {
            var isMasked = variable.Key.StartsWith(copyPrefix, StringComparison.Ordinal) && masked.Contains(variable.Key[copyPrefix.Length..]);
            yield return new PlannedEnvVariable(parent, change, variable.Key, isMasked ? SecretMask.Value : variable.Value, isMasked);
        }
    }
}
