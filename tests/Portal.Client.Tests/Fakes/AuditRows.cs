using Portal.Contracts.Api;
using Portal.Contracts.Model;

namespace Portal.Client.Tests.Fakes;

/// <summary>Audit rows written out by hand: what a click-to-link, a docker run -p and a manual iptables command leave.</summary>
public static class AuditRows
{
    public static readonly DateTimeOffset T0 = new(2025, 3, 4, 10, 0, 0, TimeSpan.Zero);

    public static readonly ChangeCause Portal12 = new(CauseKind.Portal, User: "alice", Intent: 12);

    public static readonly ChangeCause DockerStartWeb = new(CauseKind.Docker, Action: "start", Container: "web");

    public static readonly ChangeCause ExternalIptables = new(CauseKind.External, Process: "iptables");

    public static AuditEntryView Row(long id, double seconds, ChangeCause cause, ChangeKind change = ChangeKind.Added, string table = "filter",
        string chain = "DOCKER", string? rule = null, RuleOwner? owner = null, string host = "docker1") =>
        new(id, T0.AddSeconds(seconds), host, table, chain, change, rule ?? $"-A {chain} -j ACCEPT -m comment --comment r{id}", owner ?? RuleOwner.Unknown, cause);

    /// <summary>Newest first: a manual rule, then a link (two rows), then web's start with a published port (three rows).</summary>
    public static IReadOnlyList<AuditEntryView> Story() =>
    [
        Row(6, 30, ExternalIptables, rule: "-A DOCKER-USER -s 10.9.9.9/32 -j DROP", chain: "DOCKER-USER"),
        Row(5, 20.4, Portal12, ChangeKind.Removed, rule: "-A PORTAL-ICC -s 172.17.0.9/32 -j ACCEPT", chain: "PORTAL-ICC"),
        Row(4, 20.1, Portal12, rule: "-A PORTAL-ICC -s 172.17.0.3/32 -d 172.17.0.2/32 -p tcp -m tcp --dport 80 -j ACCEPT", chain: "PORTAL-ICC",
            owner: new RuleOwner(RuleOwnerKind.Link, Source: "client", Target: "web", Alias: "web", Port: "80/tcp")),
        Row(3, 10.5, DockerStartWeb, table: "nat", chain: "POSTROUTING", rule: "-A POSTROUTING -s 172.17.0.2/32 -d 172.17.0.2/32 -p tcp -m tcp --dport 80 -j MASQUERADE",
            owner: new RuleOwner(RuleOwnerKind.Port, Container: "web", Port: "8080/tcp")),
        Row(2, 10.2, DockerStartWeb, table: "nat", rule: "-A DOCKER ! -i docker0 -p tcp -m tcp --dport 8080 -j DNAT --to-destination 172.17.0.2:80",
            owner: new RuleOwner(RuleOwnerKind.Port, Container: "web", Port: "8080/tcp")),
        Row(1, 10.0, DockerStartWeb, rule: "-A DOCKER -d 172.17.0.2/32 ! -i docker0 -o docker0 -p tcp -m tcp --dport 80 -j ACCEPT",
            owner: new RuleOwner(RuleOwnerKind.Port, Container: "web", Port: "8080/tcp")),
    ];
}
