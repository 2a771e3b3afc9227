using Portal.Contracts.Commands;
using Portal.Contracts.Intents;
using Portal.Contracts.Model;
using Portal.Contracts.Plans;
using Portal.Contracts.PortalRules;
using Portal.Core.Plans;

namespace Portal.Core.PortalRules;

/// <summary>
/// The portal chain before and after one change, as planners get it. Both sides are whole chains derived by
/// <see cref="PortalChain.Derive"/> from all intents (before: those standing; after: those standing once the change is
/// applied), so a planner can only ever write a complete chain; there is no way to hand it a partial one.
/// </summary>
public sealed class PortalChainChange
{
    private PortalChainChange(PortalRuleSet before, PortalRuleSet after, bool jumpPresent)
    {
        Before = before;
        After = after;
        JumpPresent = jumpPresent;
    }

    public PortalRuleSet Before { get; }

    public PortalRuleSet After { get; }

    /// <summary>Whether DOCKER-USER jumps to the chain now.</summary>
    public bool JumpPresent { get; }

    /// <summary>Whether the change alters the chain's rules.</summary>
    public bool Rewrites => !After.SameRulesAs(Before);

    /// <param name="standing">Every intent standing before the change.</param>
    /// <param name="afterwards">Every intent standing once the change is applied (its own added, those it ends left out).</param>
    /// <param name="now">The host as observed.</param>
    /// <param name="predicted">The host as the change leaves it, where the chain depends on that (an unlink); else <paramref name="now"/>.</param>
    public static PortalChainChange Between(IEnumerable<IntentSpec> standing, IEnumerable<IntentSpec> afterwards, HostSnapshot now, HostSnapshot? predicted = null) =>
        new(PortalChain.Derive(standing, now), PortalChain.Derive(afterwards, predicted ?? now), PortalChain.Observed(now).JumpPresent);

    /// <summary>A change that leaves the intents the chain depends on as they are (a repair of one intent).</summary>
    public static PortalChainChange Unchanged(IEnumerable<IntentSpec> standing, HostSnapshot now)
    {
        var chain = PortalChain.Derive(standing, now);
        return new(chain, chain, PortalChain.Observed(now).JumpPresent);
    }

    /// <summary>The chain's rules added and removed, and the jump when one will be inserted.</summary>
    /// <param name="write">True when the plan writes the chain whatever the diff (an ICC change always does).</param>
    public IReadOnlyList<PlannedRule> PlannedRules(bool write = false) =>
        write || Rewrites ? PortalRulesDiff.Diff(Before, After, JumpPresent) : [];

    /// <summary>The command that writes the whole chain after the change, or null when the rules stay as they are.</summary>
    public ApplyPortalRulesCommand? Command(bool write = false) => write || Rewrites ? new ApplyPortalRulesCommand(After) : null;
}
