namespace Portal.Contracts.Api;

/// <summary>The browser-facing hub <c>/hubs/live</c>.</summary>
public static class LiveHubMethods
{
    public const string Path = "/hubs/live";

    /// <summary>Browser to server: start receiving changes of one host (or "*" for the host list).</summary>
    public const string Watch = "Watch";

    /// <summary>Browser to server: stop receiving changes of one host.</summary>
    public const string Unwatch = "Unwatch";

    /// <summary>Server to browser: a <see cref="HostChange"/>.</summary>
    public const string HostChanged = "HostChanged";

    /// <summary>Server to browser: new audit entries.</summary>
    public const string AuditAppended = "AuditAppended";

    /// <summary>Server to browser: an intent's status changed.</summary>
    public const string IntentChanged = "IntentChanged";

    /// <summary>Server to browser: a <see cref="Flows.FlowsChange"/> (flow edges of a watched host that moved).</summary>
    public const string FlowsChanged = "FlowsChanged";

    /// <summary>Server to browser: a <see cref="CountersChange"/> (rule counters of a watched host that moved).</summary>
    public const string CountersChanged = "CountersChanged";

    /// <summary>The group name for watchers of every host's summary.</summary>
    public const string AllHosts = "*";
}
