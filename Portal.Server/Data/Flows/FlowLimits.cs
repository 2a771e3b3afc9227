namespace Portal.Server.Data.Flows;

/// <summary>The bounds of what an agent may report about flows (checked at ingest, relied on by the schema).</summary>
public static class FlowLimits
{
    /// <summary>A container name (Docker allows 253 characters with the slash) or "external:" and an IPv6 address.</summary>
    public const int EndLength = 300;

    public const int NetworkLength = 256;

    /// <summary>Edges in one report: the agent sends at most this many and keeps the rest for the next one.</summary>
    public const int EdgesPerReport = 2000;

    /// <summary>New connections one edge may report at once (a million per half second is already beyond any host).</summary>
    public const long CountPerReport = 1_000_000;
}
