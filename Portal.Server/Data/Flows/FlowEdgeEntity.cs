namespace Portal.Server.Data.Flows;

/// <summary>
/// One stored flow edge of a host: its key (ends, port, protocol, network) and its running totals. The network is
/// stored as "" when the edge has none, so the unique key holds (SQLite treats NULLs in a unique index as distinct).
/// </summary>
public sealed class FlowEdgeEntity
{
    public long Id { get; set; }

    public required string Host { get; set; }

    public required string From { get; set; }

    public required string To { get; set; }

    public int Port { get; set; }

    public required string Proto { get; set; }

    public required string Network { get; set; }

    public long Count { get; set; }

    public DateTimeOffset FirstSeen { get; set; }

    public DateTimeOffset LastSeen { get; set; }
}
