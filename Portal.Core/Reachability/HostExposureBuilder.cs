using System.Globalization;
using Portal.Contracts.Reachability;

namespace Portal.Core.Reachability;

/// <summary>Builds the exposure record the API returns from a host's reachability model.</summary>
public static class HostExposureBuilder
{
    /// <summary>The stand-in host address for ports published on every address (Docker's DNAT for them names none).</summary>
    public const string StandInHostAddress = "192.0.2.10";
    /// <summary>The outside client of the exposure walks: 203.0.113.10, a documentation address.</summary>
    public const uint OutsideClient = 0xCB00710A;

    extension(HostExposure)
    {
        public static HostExposure Build(ReachabilityModel model, uint? hostAddress = null)
        {
            ArgumentNullException.ThrowIfNull(model);
            Ipv4.TryParse(StandInHostAddress, out var standIn);
            var ports = new List<ExposedPort>();
            foreach (var info in model.Topology.Containers.OrderBy(c => c.Name, StringComparer.Ordinal))
            {
                foreach (var binding in info.Container.Ports.Where(p => p.HostPort is > 0))
                {
                    // An IPv6 binding (Docker lists "::" beside "0.0.0.0"): the walker follows the IPv4 rules only.
                    if (!ServicePort.TryProtocol(binding.Protocol, out var protocol) || binding.HostIp?.Contains(':', StringComparison.Ordinal) == true)
                    {
                        continue;
                    }

                    var everywhere = binding.HostIp is null or "" or "0.0.0.0";
                    var address = everywhere ? hostAddress ?? standIn : Ipv4.TryParse(binding.HostIp, out var bound) ? bound : (uint?)null;
                    if (address is null)
                    {
                        continue;
                    }

                    var hostPort = binding.HostPort!.Value;
                    var answer = model.Ask(new ReachabilityQuery(PacketSource.FromExternal(OutsideClient), PacketTarget.FromAddress(address.Value), hostPort, protocol));
                    var warnings = new List<ExposureWarning>();
                    if (everywhere)
                    {
                        warnings.Add(new ExposureWarning(ExposureWarningKind.AllAddresses,
                            $"{hostPort}/{OptionMatcher.Name(protocol)} is published on every address of the host: give an address (-p 127.0.0.1:{hostPort}:{binding.ContainerPort}) to limit it"));
                    }

                    if (answer.Verdict == ReachabilityVerdict.Allowed && answer.Translations.Any(t => t.Kind == "dnat"))
                    {
                        var firewall = model.AskHostFirewall(OutsideClient, address.Value, hostPort, protocol);
                        if (firewall.Verdict == ReachabilityVerdict.Blocked)
                        {
                            warnings.Add(new ExposureWarning(ExposureWarningKind.BypassesHostFirewall,
                                $"the host firewall would block {hostPort}/{OptionMatcher.Name(protocol)} in INPUT, but Docker's DNAT sends it through FORWARD, where it is accepted: outside clients reach {info.Name}",
                                firewall.DecidedBy?.Rule));
                        }
                    }

                    ports.Add(new ExposedPort(
                        info.Name,
                        binding.ContainerPort,
                        protocol,
                        binding.HostIp,
                        hostPort,
                        everywhere ? ["every address of the host (0.0.0.0)"] : [binding.HostIp!],
                        answer.Verdict,
                        answer.DecidedBy?.Rule,
                        warnings));
                }
            }

            var hostWarnings = new List<ExposureWarning>();
            foreach (var bridge in model.Topology.Bridges)
            {
                if (!model.Topology.IccOn(bridge))
                {
                    continue;
                }

                var published = ports.Where(p => model.Topology.Container(p.Container)!.Endpoints.Any(e => e.Bridge == bridge))
                    .Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Container} {p.HostPort}->{p.ContainerPort}/{OptionMatcher.Name(p.Protocol)}"))
                    .ToList();
                if (published.Count > 0)
                {
                    hostWarnings.Add(new ExposureWarning(ExposureWarningKind.IccWithPublished,
                        $"ICC is on for network {bridge.Network} ({bridge.Name}), which holds published services ({string.Join(", ", published)}): every container on it reaches them on any port, not only through the published ones"));
                }
            }

            return new HostExposure(ports, hostWarnings);
        }
    }
}
