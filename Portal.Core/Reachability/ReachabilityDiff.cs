using Portal.Contracts.Model;
using Portal.Contracts.Plans;
using Portal.Contracts.Reachability;

namespace Portal.Core.Reachability;

/// <summary>
/// Which pairs a change makes reachable or unreachable: every ordered pair of containers on a network the change
/// touches (or from or to a container it touches), on each port the destination offers before or after, and each outside
/// target it may open or close, walked in the model before and in the model after; the pairs whose verdict differs.
/// A pair on a network on one side only (a container joining or leaving) counts as blocked on the other side.
/// </summary>
public static class ReachabilityDiff
{
    /// <summary>How many changed pairs a plan lists; the rest are counted.</summary>
    public const int DefaultLimit = 200;

    public static ReachabilityDiffResult Between(ReachabilityModel before, ReachabilityModel after, IReadOnlyCollection<PlannedRule> rules, int limit = DefaultLimit)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        ArgumentNullException.ThrowIfNull(rules);
        var scope = ReachabilityScope.Of(before.Topology, after.Topology, rules);
        var changed = new List<PlannedReachability>();
        var compared = 0;
        foreach (var network in before.Topology.Bridges.Select(b => b.Network).Union(after.Topology.Bridges.Select(b => b.Network)).Order(StringComparer.Ordinal))
        {
            var membersBefore = Members(before.Topology, network);
            var membersAfter = Members(after.Topology, network);
            var names = membersBefore.Keys.Union(membersAfter.Keys).Order(StringComparer.Ordinal).ToList();
            foreach (var to in names)
            {
                var ports = Ports(before.Topology, to).Union(Ports(after.Topology, to)).OrderBy(p => p.Port).ThenBy(p => p.Protocol).ToList();
                if (ports.Count == 0)
                {
                    continue;
                }

                foreach (var from in names)
                {
                    if (from == to || !scope.Covers(network, from, to))
                    {
                        continue;
                    }

                    foreach (var port in ports)
                    {
                        compared++;
                        var was = Walk(before, membersBefore, network, from, to, port);
                        var now = Walk(after, membersAfter, network, from, to, port);
                        if (was.Verdict != now.Verdict)
                        {
                            changed.Add(new PlannedReachability(from, to, port.Port, port.Protocol, was.Verdict, now.Verdict, now.DecidedBy, network));
                        }
                    }
                }
            }
        }

        foreach (var target in OutsideTargets(before, after, scope))
        {
            compared++;
            var was = WalkOutside(before, target);
            var now = WalkOutside(after, target);
            if (was.Verdict != now.Verdict)
            {
                changed.Add(new PlannedReachability(
                    "external:" + Ipv4.Format(HostExposureBuilder.OutsideClient), now.Container ?? was.Container ?? Ipv4.Format(target.Address),
                    target.Port, target.Protocol, was.Verdict, now.Verdict, now.DecidedBy, null, Ipv4.Format(target.Address)));
            }
        }

        var listed = changed.Take(Math.Max(0, limit)).ToList();
        return new ReachabilityDiffResult(listed, changed.Count - listed.Count, compared);
    }

    private static Dictionary<string, uint> Members(HostTopology topology, string network) =>
        topology.Containers
            .SelectMany(c => c.Endpoints.Where(e => e.Bridge.Network == network).Take(1).Select(e => (c.Name, e.Address)))
            .ToDictionary(x => x.Name, x => x.Address, StringComparer.Ordinal);

    private static IReadOnlyList<ServicePort> Ports(HostTopology topology, string container) =>
        topology.Container(container) is { } info ? ServicePort.Of(info.Container) : [];

    private static (ReachabilityVerdict Verdict, string? DecidedBy) Walk(
        ReachabilityModel model, Dictionary<string, uint> members, string network, string from, string to, ServicePort port)
    {
        if (!members.ContainsKey(from) || !members.TryGetValue(to, out var address))
        {
            return (ReachabilityVerdict.Blocked, $"{(members.ContainsKey(from) ? to : from)} is not on network {network}");
        }

        var answer = model.Ask(new ReachabilityQuery(PacketSource.FromContainer(from), PacketTarget.FromAddress(address), port.Port, port.Protocol));
        return (answer.Verdict, Decision(answer));
    }

    /// <summary>An outside client's first packet counts as reaching the container only when it is delivered to it.</summary>
    private static (ReachabilityVerdict Verdict, string? DecidedBy, string? Container) WalkOutside(ReachabilityModel model, OutsideTarget target)
    {
        var answer = model.Ask(new ReachabilityQuery(PacketSource.FromExternal(HostExposureBuilder.OutsideClient), PacketTarget.FromAddress(target.Address), target.Port, target.Protocol));
        const string Prefix = "container ";
        if (answer.Verdict == ReachabilityVerdict.Allowed && answer.DeliveredTo is { } delivered)
        {
            if (delivered.StartsWith(Prefix, StringComparison.Ordinal))
            {
                var name = delivered[Prefix.Length..].Split(' ')[0];
                return (ReachabilityVerdict.Allowed, Decision(answer), name);
            }

            return (ReachabilityVerdict.Blocked, "delivered to " + delivered, null);
        }

        return (answer.Verdict, Decision(answer), null);
    }

    private static string? Decision(ReachabilityAnswer answer) => answer.DecidedBy?.Rule ?? answer.Reason;

    /// <summary>Published ports of containers in scope (before or after), and the destinations of the change's DNAT rules.</summary>
    private static IEnumerable<OutsideTarget> OutsideTargets(ReachabilityModel before, ReachabilityModel after, ReachabilityScope scope)
    {
        Ipv4.TryParse(HostExposureBuilder.StandInHostAddress, out var standIn);
        var targets = new SortedSet<OutsideTarget>();
        foreach (var topology in new[] { before.Topology, after.Topology })
        {
            foreach (var info in topology.Containers)
            {
                if (!scope.Everything && !scope.Containers.Contains(info.Name) && !info.Endpoints.Any(e => scope.Networks.Contains(e.Bridge.Network)))
                {
                    continue;
                }

                foreach (var binding in info.Container.Ports.Where(p => p.HostPort is > 0))
                {
                    if (ServicePort.TryProtocol(binding.Protocol, out var protocol) && Address(binding, standIn) is { } address)
                    {
                        targets.Add(new OutsideTarget(address, binding.HostPort!.Value, protocol));
                    }
                }
            }
        }

        foreach (var (address, port, protocol) in scope.Translated)
        {
            targets.Add(new OutsideTarget(address ?? standIn, port, protocol));
        }

        return targets;
    }

    private static uint? Address(PortBinding binding, uint standIn) =>
        binding.HostIp is null or "" or "0.0.0.0" ? standIn
        : Ipv4.TryParse(binding.HostIp, out var bound) ? bound
        : null;

    private readonly record struct OutsideTarget(uint Address, int Port, TransportProtocol Protocol) : IComparable<OutsideTarget>
    {
        public int CompareTo(OutsideTarget other) =>
            Address != other.Address ? Address.CompareTo(other.Address)
            : Port != other.Port ? Port.CompareTo(other.Port)
            : Protocol.CompareTo(other.Protocol);
    }
}
