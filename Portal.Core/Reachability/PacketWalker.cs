using System.Globalization;
using Portal.Contracts.Reachability;

namespace Portal.Core.Reachability;

/// <summary>
/// Walks one first packet (conntrack NEW) through the hooks in the kernel's order: raw, mangle and nat PREROUTING (or
/// OUTPUT for the host's own packets), routing (local delivery, a bridge, bridged when both ends share it, as
/// br_netfilter makes Docker's bridged traffic cross FORWARD), filter INPUT/FORWARD/OUTPUT, and nat POSTROUTING. Every
/// rule that matches is a step of the path; the first match it cannot evaluate ends the walk as undetermined.
/// </summary>
internal sealed class PacketWalker(ReachabilityModel model)
{
    private readonly HostTopology topology = model.Topology;
    private readonly List<PathStep> path = [];
    private readonly List<Translation> translations = [];
    private PathStep? decisive;
    private PathStep? lastFilterAccept;
    private string? reason;

    private const int MaxDepth = 64;
    private const int MaxJumps = 100_000;

    private enum Outcome
    {
        Accept,
        Drop,
        Unknown,
    }

    public ReachabilityAnswer Walk(ReachabilityQuery query)
    {
        if (query.Port is < 1 or > 65535)
        {
            return Undetermined($"port {query.Port} is not between 1 and 65535");
        }

        if (!Resolve(query, out var destination, out var endpoint, out var problem))
        {
            return Undetermined(problem!);
        }

        if (query.From.IsHost)
        {
            return FromHost(query, destination);
        }

        var packet = endpoint is { } e
            ? new Packet
            {
                Protocol = query.Protocol,
                Source = e.Address,
                Destination = destination,
                DestinationPort = query.Port,
                InInterface = e.Bridge.Name,
                PhysicalIn = e.Veth,
                EnteredThroughBridgePort = true,
                SourceMac = e.Mac,
                SourceMacKnown = e.Mac is not null,
                OriginalSource = e.Address,
                OriginalDestination = destination,
                OriginalDestinationPort = query.Port,
            }
            : new Packet
            {
                Protocol = query.Protocol,
                Source = query.From.External!.Value,
                Destination = destination,
                DestinationPort = query.Port,
                InInterface = Packet.PhysicalInterface,

                // An outside client's port: some unprivileged port, the portal cannot say which.
                EphemeralLow = 1024,
                EphemeralHigh = 65535,
                OriginalSource = query.From.External!.Value,
                OriginalDestination = destination,
                OriginalDestinationPort = query.Port,
            };
        return Arriving(packet);
    }

    /// <summary>
    /// What the host's own firewall (filter INPUT, with raw and mangle before it) would do with an outside packet to a
    /// host address and port if nothing translated it: what a user who blocks a port there expects to happen.
    /// </summary>
    public ReachabilityAnswer WalkHostFirewall(uint source, uint hostAddress, int port, TransportProtocol protocol)
    {
        var packet = new Packet
        {
            Protocol = protocol,
            Source = source,
            Destination = hostAddress,
            DestinationPort = port,
            DestinationIsLocal = true,
            InInterface = Packet.PhysicalInterface,
            EphemeralLow = 1024,
            EphemeralHigh = 65535,
            OriginalSource = source,
            OriginalDestination = hostAddress,
            OriginalDestinationPort = port,
        };
        foreach (var (table, chain) in new[] { ("raw", "PREROUTING"), ("mangle", "PREROUTING") })
        {
            if (Hook(table, chain, packet) is var outcome && outcome != Outcome.Accept)
            {
                return Finish(outcome, packet);
            }
        }

        Route(packet, "delivered locally, as if no DNAT had matched");
        return LocalInput(packet, skipNat: true);
    }

    /// <summary>Finds the destination address and, for a container source, the endpoint it sends from.</summary>
    private bool Resolve(ReachabilityQuery query, out uint destination, out ContainerEndpoint? source, out string? problem)
    {
        destination = 0;
        source = null;
        problem = null;
        ContainerInfo? from = null;
        if (query.From.Container is { } fromName)
        {
            from = topology.Container(fromName);
            if (from is null || from.Endpoints.Count == 0)
            {
                problem = $"container '{fromName}' has no address on a bridge network";
                return false;
            }
        }

        if (query.To.Container is { } toName)
        {
            var to = topology.Container(toName);
            if (to is null || to.Endpoints.Count == 0)
            {
                problem = $"container '{toName}' has no address on a bridge network";
                return false;
            }

            // A shared network first: that is the address the source reaches directly.
            var shared = from is null ? null : to.Endpoints.FirstOrDefault(t => from.Endpoints.Any(f => f.Bridge == t.Bridge));
            destination = (shared ?? to.Endpoints[0]).Address;
        }
        else
        {
            destination = query.To.Address!.Value;
        }

        source = from?.EndpointToward(destination, topology);
        return true;
    }

    private ReachabilityAnswer Arriving(Packet packet)
    {
        packet.DestinationIsLocal = topology.IsLocal(packet.Destination);
        if (Hook("raw", "PREROUTING", packet) is var raw && raw != Outcome.Accept)
        {
            return Finish(raw, packet);
        }

        if (Hook("mangle", "PREROUTING", packet) is var mangle && mangle != Outcome.Accept)
        {
            return Finish(mangle, packet);
        }

        if (!packet.Untracked && Hook("nat", "PREROUTING", packet) is var nat && nat != Outcome.Accept)
        {
            return Finish(nat, packet);
        }

        packet.DestinationIsLocal = topology.IsLocal(packet.Destination);
        if (HostTopology.IsLoopback(packet.Destination) && packet.InInterface != "lo")
        {
            // A loopback destination arriving on another interface is a martian: routing drops it before any filter.
            decisive = new PathStep("routing", "PREROUTING", $"{Ipv4.Format(packet.Destination)} is a loopback address: the kernel drops it when it arrives from outside", null, StepResult.Drop);
            path.Add(decisive);
            return Finish(Outcome.Drop, packet);
        }

        if (packet.DestinationIsLocal)
        {
            Route(packet, "delivered locally: " + Ipv4.Format(packet.Destination) + " is the host's");
            return LocalInput(packet, skipNat: packet.Untracked);
        }

        var bridge = topology.BridgeFor(packet.Destination);
        packet.OutInterface = bridge?.Name ?? Packet.PhysicalInterface;
        packet.Bridged = bridge is not null && packet.EnteredThroughBridgePort && packet.InInterface == bridge.Name;
        if (packet.Bridged)
        {
            packet.PhysicalOut = topology.ContainerAt(packet.Destination)?.Endpoints.FirstOrDefault(e => e.Bridge == bridge)?.Veth;
            Route(packet, $"bridged on {bridge!.Name} (br_netfilter: through FORWARD)");
        }
        else
        {
            Route(packet, bridge is null
                ? "routed to the host's physical interface"
                : $"routed from {Describe(packet.InInterface)} to {bridge.Name}");
        }

        foreach (var (table, chain) in new[] { ("mangle", "FORWARD"), ("filter", "FORWARD"), ("security", "FORWARD"), ("mangle", "POSTROUTING") })
        {
            if (Hook(table, chain, packet) is var outcome && outcome != Outcome.Accept)
            {
                return Finish(outcome, packet);
            }
        }

        if (!packet.Untracked && Hook("nat", "POSTROUTING", packet) is var post && post != Outcome.Accept)
        {
            return Finish(post, packet);
        }

        return Finish(Outcome.Accept, packet);
    }

    private ReachabilityAnswer FromHost(ReachabilityQuery query, uint destination)
    {
        var local = topology.IsLocal(destination);
        var bridge = local ? null : topology.BridgeFor(destination);
        var packet = new Packet
        {
            Protocol = query.Protocol,
            LocallyGenerated = true,
            SourceIsLocal = true,

            // The kernel picks the address of the outgoing interface: the bridge's gateway, or the local address itself.
            Source = local ? destination : bridge?.Gateway ?? destination,
            Destination = destination,
            DestinationPort = query.Port,
            DestinationIsLocal = local,
            OutInterface = local ? "lo" : bridge?.Name ?? Packet.PhysicalInterface,
            OriginalDestination = destination,
            OriginalDestinationPort = query.Port,
        };
        foreach (var (table, chain) in new[] { ("raw", "OUTPUT"), ("mangle", "OUTPUT") })
        {
            if (Hook(table, chain, packet) is var outcome && outcome != Outcome.Accept)
            {
                return Finish(outcome, packet);
            }
        }

        if (!packet.Untracked && Hook("nat", "OUTPUT", packet) is var nat && nat != Outcome.Accept)
        {
            return Finish(nat, packet);
        }

        packet.DestinationIsLocal = topology.IsLocal(packet.Destination);
        var outBridge = packet.DestinationIsLocal ? null : topology.BridgeFor(packet.Destination);
        packet.OutInterface = packet.DestinationIsLocal ? "lo" : outBridge?.Name ?? Packet.PhysicalInterface;
        Route(packet, packet.DestinationIsLocal ? "sent on lo to the host itself" : $"sent out on {Describe(packet.OutInterface)}");
        foreach (var (table, chain) in new[] { ("filter", "OUTPUT"), ("security", "OUTPUT"), ("mangle", "POSTROUTING") })
        {
            if (Hook(table, chain, packet) is var outcome && outcome != Outcome.Accept)
            {
                return Finish(outcome, packet);
            }
        }

        if (!packet.Untracked && Hook("nat", "POSTROUTING", packet) is var post && post != Outcome.Accept)
        {
            return Finish(post, packet);
        }

        if (!packet.DestinationIsLocal)
        {
            return Finish(Outcome.Accept, packet);
        }

        // Back in through loopback: PREROUTING and INPUT again, but NAT was decided on the way out.
        packet.InInterface = "lo";
        packet.OutInterface = null;
        foreach (var (table, chain) in new[] { ("raw", "PREROUTING"), ("mangle", "PREROUTING") })
        {
            if (Hook(table, chain, packet) is var outcome && outcome != Outcome.Accept)
            {
                return Finish(outcome, packet);
            }
        }

        return LocalInput(packet, skipNat: true);
    }

    private ReachabilityAnswer LocalInput(Packet packet, bool skipNat)
    {
        packet.OutInterface = null;
        foreach (var (table, chain) in new[] { ("mangle", "INPUT"), ("filter", "INPUT"), ("security", "INPUT") })
        {
            if (Hook(table, chain, packet) is var outcome && outcome != Outcome.Accept)
            {
                return Finish(outcome, packet);
            }
        }

        if (!skipNat && Hook("nat", "INPUT", packet) is var nat && nat != Outcome.Accept)
        {
            return Finish(nat, packet);
        }

        return Finish(Outcome.Accept, packet);
    }

    /// <summary>Runs one table's built-in chain (and every chain it jumps to) for the packet.</summary>
    private Outcome Hook(string table, string chainName, Packet packet)
    {
        if (!model.HasTable(table))
        {
            // A table that is not loaded has no hook: the packet passes.
            return Outcome.Accept;
        }

        var builtIn = model.Chain(table, chainName) ?? model.EmptyBuiltIn(table, chainName);
        var stack = new Stack<(CompiledChain Chain, int[]? Candidates, int Position)>();
        var chain = builtIn;
        var candidates = chain.CandidatesFor(packet.Destination);
        var position = 0;
        var jumps = 0;
        while (true)
        {
            var count = candidates?.Length ?? chain.Rules.Length;
            if (position >= count)
            {
                if (stack.Count == 0)
                {
                    return Policy(builtIn);
                }

                (chain, candidates, position) = stack.Pop();
                continue;
            }

            var rule = chain.Rules[candidates is null ? position : candidates[position]];
            position++;
            if (rule.Inert)
            {
                continue;
            }

            var match = RuleMatcher.Matches(rule, packet, topology, out var unknown);
            if (match == Tri.No)
            {
                continue;
            }

            if (match == Tri.Unknown)
            {
                return Unknown(Step(chain, rule, StepResult.Undetermined), $"cannot evaluate '{unknown}'");
            }

            switch (rule.Target)
            {
                case TargetKind.Accept:
                    var accept = Step(chain, rule, StepResult.Accept);
                    if (table == "filter")
                    {
                        lastFilterAccept = accept;
                    }

                    return Outcome.Accept;
                case TargetKind.Drop:
                    decisive = Step(chain, rule, StepResult.Drop);
                    return Outcome.Drop;
                case TargetKind.Reject:
                    decisive = Step(chain, rule, StepResult.Reject);
                    return Outcome.Drop;
                case TargetKind.Return:
                    Step(chain, rule, StepResult.Return);
                    if (stack.Count == 0)
                    {
                        return Policy(builtIn);
                    }

                    (chain, candidates, position) = stack.Pop();
                    continue;
                case TargetKind.Chain or TargetKind.ChainOrExtension:
                    var next = model.Chain(table, rule.TargetName!);
                    if (next is null && rule.Target == TargetKind.Chain)
                    {
                        // A chain without rules (Docker's filter DOCKER before any port is published): jumped into and
                        // returned from at once.
                        Step(chain, rule, rule.Rule.IsGoto ? StepResult.Goto : StepResult.Jump);
                        if (rule.Rule.IsGoto)
                        {
                            if (stack.Count == 0)
                            {
                                return Policy(builtIn);
                            }

                            (chain, candidates, position) = stack.Pop();
                        }

                        continue;
                    }

                    if (next is not { BuiltIn: false })
                    {
                        return Unknown(Step(chain, rule, StepResult.Undetermined), $"the target '{rule.TargetName}' is not known to the portal");
                    }

                    Step(chain, rule, rule.Rule.IsGoto ? StepResult.Goto : StepResult.Jump);
                    if (!rule.Rule.IsGoto)
                    {
                        // iptables refuses loops and limits depth; rules that did not come from it could still loop.
                        if (stack.Count >= MaxDepth || ++jumps > MaxJumps)
                        {
                            return Unknown(path[^1] with { Result = StepResult.Undetermined }, "the chains jump deeper or longer than iptables allows (a loop?)");
                        }

                        stack.Push((chain, candidates, position));
                    }
                    else if (++jumps > MaxJumps)
                    {
                        return Unknown(path[^1] with { Result = StepResult.Undetermined }, "the chains jump deeper or longer than iptables allows (a loop?)");
                    }

                    chain = next;
                    candidates = chain.CandidatesFor(packet.Destination);
                    position = 0;
                    continue;
                case TargetKind.Dnat or TargetKind.Redirect or TargetKind.Snat or TargetKind.Masquerade:
                    return Translate(chain, rule, packet);
                case TargetKind.Mark or TargetKind.ConnectionMark or TargetKind.NoTrack or TargetKind.ConnectionTracking:
                    if (!PacketMarks.Apply(rule, packet))
                    {
                        return Unknown(Step(chain, rule, StepResult.Undetermined), $"the target options of '{rule.TargetName}' are not understood");
                    }

                    Step(chain, rule, StepResult.Continue);
                    continue;
                default:
                    return Unknown(Step(chain, rule, StepResult.Undetermined), $"the target '{rule.TargetName}' is not known to the portal");
            }
        }
    }

    private Outcome Policy(CompiledChain chain)
    {
        if (chain.Policy is null)
        {
            var unknownStep = new PathStep(chain.Table, chain.Name, $"-P {chain.Name} ?", null, StepResult.Undetermined);
            return Unknown(unknownStep, $"the policy of {chain.Table} {chain.Name} is not known (the agent did not report chain policies)");
        }

        var step = new PathStep(chain.Table, chain.Name, $"-P {chain.Name} {chain.Policy}", null, StepResult.Policy);
        path.Add(step);
        if (chain.Policy == "ACCEPT")
        {
            if (chain.Table == "filter")
            {
                lastFilterAccept = step;
            }

            return Outcome.Accept;
        }

        decisive = step;
        return Outcome.Drop;
    }

    private Outcome Translate(CompiledChain chain, CompiledRule rule, Packet packet)
    {
        var translation = AddressTranslation.Apply(rule, packet, topology);
        if (translation is null)
        {
            return Unknown(Step(chain, rule, StepResult.Undetermined), $"the translation of '{rule.TargetName}' cannot be predicted (a range, or options the portal does not know)");
        }

        Step(chain, rule, StepResult.Translate);
        translations.Add(translation with { Table = chain.Table, Chain = chain.Name, Rule = rule.Rule.Text });
        return Outcome.Accept;
    }

    private Outcome Unknown(PathStep step, string why)
    {
        decisive = step;
        reason = why;
        return Outcome.Unknown;
    }

    private PathStep Step(CompiledChain chain, CompiledRule rule, StepResult result)
    {
        var step = new PathStep(chain.Table, chain.Name, rule.Rule.Text, rule.Owner, result);
        path.Add(step);
        return step;
    }

    private void Route(Packet packet, string what) =>
        path.Add(new PathStep("routing", packet.LocallyGenerated ? "OUTPUT" : "PREROUTING", what, null, StepResult.Route));

    private ReachabilityAnswer Finish(Outcome outcome, Packet packet)
    {
        var verdict = outcome switch
        {
            Outcome.Accept => ReachabilityVerdict.Allowed,
            Outcome.Drop => ReachabilityVerdict.Blocked,
            _ => ReachabilityVerdict.Undetermined,
        };
        var decidedBy = outcome == Outcome.Accept ? lastFilterAccept : decisive;
        string? delivered = null;
        if (outcome == Outcome.Accept)
        {
            var port = packet.DestinationPort.ToString(CultureInfo.InvariantCulture);
            delivered = packet.DestinationIsLocal
                ? $"host {Ipv4.Format(packet.Destination)}:{port}"
                : topology.ContainerAt(packet.Destination) is { } container
                    ? $"container {container.Name} {Ipv4.Format(packet.Destination)}:{port}"
                    : $"{Ipv4.Format(packet.Destination)}:{port} (no container holds this address)";
        }

        return new ReachabilityAnswer(verdict, decidedBy, path, translations, reason, delivered);
    }

    private static ReachabilityAnswer Undetermined(string why) => new(ReachabilityVerdict.Undetermined, null, [], [], why);

    private static string Describe(string? interfaceName) =>
        interfaceName is null ? "the host" : interfaceName == Packet.PhysicalInterface ? "the physical interface" : interfaceName;
}
