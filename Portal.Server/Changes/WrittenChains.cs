using System.Collections.Concurrent;
using Portal.Contracts.PortalRules;
using Portal.Core.PortalRules;

namespace Portal.Server.Changes;

/// <summary>
/// The portal chain this server last wrote to each host, and when. A host's report of its rules can lag a write by a
/// poll (a quarter second on iptables-legacy), and a report of something else can arrive first: for
/// <see cref="Duration"/> after a write, the reconciler takes a difference between that write and the reported chain
/// for the lag it most likely is, not for drift, and looks again when the time is up. A second write of the same chain
/// would only blur whose change the rule history shows.
/// </summary>
public sealed class WrittenChains(TimeProvider clock)
{
    public static readonly TimeSpan Duration = TimeSpan.FromSeconds(5);

    private readonly ConcurrentDictionary<string, (PortalRuleSet Rules, DateTimeOffset At)> _hosts = new(StringComparer.OrdinalIgnoreCase);

    public void Wrote(string host, PortalRuleSet rules) => _hosts[host] = (rules, clock.GetUtcNow());

    /// <summary>How long to trust a write of exactly <paramref name="rules"/> still, or null when there is none to trust.</summary>
    public TimeSpan? Trusted(string host, PortalRuleSet rules)
    {
        if (!_hosts.TryGetValue(host, out var written) || !written.Rules.SameRulesAs(rules))
        {
            return null;
        }

        var left = written.At + Duration - clock.GetUtcNow();
        return left > TimeSpan.Zero ? left : null;
    }
}
