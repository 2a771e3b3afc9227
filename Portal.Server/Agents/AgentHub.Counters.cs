using System.Text.Json;
using Microsoft.AspNetCore.SignalR;
using Portal.Contracts.Agent;
using Portal.Contracts.Model;
using Portal.Server.Counters;

namespace Portal.Server.Agents;

/// <summary>Rule counters from the agent: kept in memory and pushed to the host's watchers, never persisted.</summary>
public sealed partial class AgentHub
{
    /// <summary>A batch is checked like every agent message; a malformed one drops the agent, with the reason on the admin page.</summary>
    [HubMethodName(AgentHubMethods.Counters)]
    public void Counters(JsonElement message, RuleCounterStore counters, CountersNotifier notifier)
    {
        if (Read<RuleCounterBatch>(message, AgentHubMethods.Counters) is { } batch
            && Refuse(CounterBatchValidator.Check(batch, HostName), AgentHubMethods.Counters) is false)
        {
            notifier.Publish(HostName, counters.Apply(HostName, batch));
        }
    }
}
