using Portal.Contracts.Reachability;

namespace Portal.Core.Reachability;

/// <summary>Builds the matrix record the API returns from a host's reachability model.</summary>
public static class ReachabilityMatrixBuilder
{
    extension(ReachabilityMatrix)
    {
        /// <summary>
        /// The matrix for <paramref name="network"/> (containers on it, addressed there), or for the whole host when null;
        /// with <paramref name="container"/>, only the cells from or to it.
        /// </summary>
        public static ReachabilityMatrix Build(ReachabilityModel model, string? network = null, string? container = null)
        {
            ArgumentNullException.ThrowIfNull(model);
            var members = model.Topology.Containers
                .Where(c => c.Endpoints.Count > 0 && (network is null || c.Endpoints.Any(e => e.Bridge.Network == network)))
                .OrderBy(c => c.Name, StringComparer.Ordinal)
                .ToList();
            var cells = new List<MatrixCell>();
            foreach (var to in members)
            {
                var ports = ServicePort.Of(to.Container);
                if (ports.Count == 0)
                {
                    continue;
                }

                var target = network is null
                    ? PacketTarget.FromContainer(to.Name)
                    : PacketTarget.FromAddress(to.Endpoints.First(e => e.Bridge.Network == network).Address);
                foreach (var from in members)
                {
                    if (from == to || (container is not null && from.Name != container && to.Name != container))
                    {
                        continue;
                    }

                    foreach (var port in ports)
                    {
                        var answer = model.Ask(new ReachabilityQuery(PacketSource.FromContainer(from.Name), target, port.Port, port.Protocol));
                        cells.Add(new MatrixCell(from.Name, to.Name, port.Port, port.Protocol, answer.Verdict, answer.DecidedBy?.Rule));
                    }
                }
            }

            return new ReachabilityMatrix(members.Select(m => m.Name).ToList(), cells);
        }
    }
}
