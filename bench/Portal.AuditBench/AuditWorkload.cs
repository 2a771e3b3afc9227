using Portal.Contracts.Model;

namespace Portal.AuditBench;

/// <summary>
/// Realistic history: 10 hosts, 300 containers that start and stop again and again (so rule texts repeat), each
/// transition a batch of Docker-shaped DNAT/ACCEPT/MASQUERADE rows; causes of all three kinds.
/// </summary>
internal sealed class AuditWorkload(int rows, int seed = 42)
{
    public const int Hosts = 10;
    public const int Containers = 300;
    public static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>About one batch a second over the whole history.</summary>
    public TimeSpan Step { get; } = TimeSpan.FromSeconds(1);

    public IEnumerable<RuleChangeBatch> Batches()
    {
        var random = new Random(seed);
        var journals = Enumerable.Range(0, Hosts).Select(_ => Guid.NewGuid()).ToArray();
        var batchNumbers = new long[Hosts];
        var produced = 0;
        var at = Start;
        while (produced < rows)
        {
            at += Step;
            var host = random.Next(Hosts);
            var container = random.Next(Containers);
            var name = $"app{container:D3}";
            var ip = $"172.17.{container / 250}.{container % 250 + 2}";
            var port = 8000 + container;
            var kind = random.Next(20);
            var cause = kind switch
            {
                < 16 => new ChangeCause(CauseKind.Docker, Action: random.Next(2) == 0 ? "start" : "die", Container: name),
                < 19 => new ChangeCause(CauseKind.Portal, User: $"user{random.Next(5)}", Intent: random.Next(5000)),
                _ => new ChangeCause(CauseKind.External, Process: "iptables"),
            };
            var change = random.Next(2) == 0 ? ChangeKind.Added : ChangeKind.Removed;
            var owner = new RuleOwner(RuleOwnerKind.Port, Container: name, Port: $"{port}/tcp");
            var changes = new List<RuleChange>
            {
                new(at, "nat", "DOCKER", change, $"-A DOCKER ! -i docker0 -p tcp -m tcp --dport {port} -j DNAT --to-destination {ip}:80", owner, cause, 1 + random.Next(30)),
                new(at, "filter", "DOCKER", change, $"-A DOCKER -d {ip}/32 ! -i docker0 -o docker0 -p tcp -m tcp --dport 80 -j ACCEPT", owner, cause, 1 + random.Next(30)),
                new(at, "nat", "POSTROUTING", change, $"-A POSTROUTING -s {ip}/32 -d {ip}/32 -p tcp -m tcp --dport 80 -j MASQUERADE", owner, cause, 1 + random.Next(30)),
            };
            if (cause.Kind == CauseKind.External)
            {
                changes = [new(at, "filter", "INPUT", change, $"-A INPUT -s 10.{random.Next(256)}.{random.Next(256)}.0/24 -j DROP", RuleOwner.Unknown, cause, 1)];
            }

            produced += changes.Count;
            yield return new RuleChangeBatch($"host{host:D2}", journals[host], ++batchNumbers[host], at, changes);
        }
    }
}
