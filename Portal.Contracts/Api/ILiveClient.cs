using Portal.Contracts.Flows;
using Portal.Contracts.Intents;

namespace Portal.Contracts.Api;

/// <summary>
/// What the server sends a browser over <c>/hubs/live</c> (the typed client of the live hub). Method names are the
/// wire names of <see cref="LiveHubMethods"/>.
/// </summary>
public interface ILiveClient
{
    Task HostChanged(HostChange change);

    Task IntentChanged(IntentView intent);

    Task AuditAppended(IReadOnlyList<AuditEntryView> entries);

    Task FlowsChanged(FlowsChange change);

    Task CountersChanged(CountersChange change);
}
