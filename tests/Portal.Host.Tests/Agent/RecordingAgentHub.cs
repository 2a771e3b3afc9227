using System.Text.Json;
using System.Threading.Channels;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.Http.Connections.Features;
using Microsoft.AspNetCore.SignalR;
using Portal.Contracts.Agent;
using Portal.Contracts.Model;

namespace Portal.Host.Tests.Agent;

/// <summary>A stand-in for the server's agent hub: checks the bearer token and records what the agent sends.</summary>
public sealed class RecordingAgentHub(AgentRecording recording) : Hub
{
    public override Task OnConnectedAsync()
    {
        // As the server: the token counts only in the Authorization header, never in the URL's query.
        var request = Context.GetHttpContext()?.Request;
        var header = request?.Headers.Authorization.ToString() ?? string.Empty;
        var token = header.StartsWith("Bearer ", StringComparison.Ordinal) ? header[7..] : null;
        recording.Transport = Context.Features.Get<IHttpTransportFeature>()?.TransportType;
        recording.QueryHadToken |= request?.Query.ContainsKey("access_token") == true;
        if (token != recording.Token)
        {
            recording.Refused++;
            Context.Abort();
        }
        else
        {
            recording.ConnectionId = Context.ConnectionId;
        }

        return Task.CompletedTask;
    }

    /// <summary>As the server: the token is docker1's, whatever the agent was told.</summary>
    [HubMethodName(AgentHubMethods.Hello)]
    public AgentWelcome Hello(AgentHello hello) => new(recording.Host);

    [HubMethodName(AgentHubMethods.Snapshot)]
    public Task Snapshot(JsonElement message) =>
        recording.Messages.Writer.WriteAsync(message.Deserialize<HostSnapshot>(PortalJson.Options)!).AsTask();

    [HubMethodName(AgentHubMethods.Delta)]
    public Task Delta(JsonElement message) =>
        recording.Messages.Writer.WriteAsync(message.Deserialize<HostDelta>(PortalJson.Options)!).AsTask();

    [HubMethodName(AgentHubMethods.Counters)]
    public Task Counters(JsonElement message) =>
        recording.Counters.Writer.WriteAsync(message.Deserialize<RuleCounterBatch>(PortalJson.Options)!).AsTask();

    /// <summary>Rule history, apart from the live state; completing the call acknowledges the batch.</summary>
    [HubMethodName(AgentHubMethods.RuleChanges)]
    public Task RuleChanges(JsonElement message) =>
        recording.History.Writer.WriteAsync(message.Deserialize<RuleChangeBatch>(PortalJson.Options)!).AsTask();

    /// <summary>Flow reports, apart from the live state; completing the call acknowledges the report.</summary>
    [HubMethodName(AgentHubMethods.Flows)]
    public Task Flows(JsonElement message) =>
        recording.Flows.Writer.WriteAsync(message.Deserialize<Portal.Contracts.Flows.FlowReport>(PortalJson.Options)!).AsTask();
}

/// <summary>What the hub received, in order (snapshots and deltas interleaved; history batches apart).</summary>
public sealed class AgentRecording(string token)
{
    public string Token { get; } = token;

    public string Host { get; init; } = "docker1";

    public int Refused { get; set; }

    public string? ConnectionId { get; set; }

    /// <summary>The transport of the last connection (the agent should reach WebSockets, certificate checks included).</summary>
    public HttpTransportType? Transport { get; set; }

    public bool QueryHadToken { get; set; }

    public Channel<object> Messages { get; } = Channel.CreateUnbounded<object>();

    public Channel<RuleChangeBatch> History { get; } = Channel.CreateUnbounded<RuleChangeBatch>();

    public Channel<Portal.Contracts.Flows.FlowReport> Flows { get; } = Channel.CreateUnbounded<Portal.Contracts.Flows.FlowReport>();
    public Channel<RuleCounterBatch> Counters { get; } = Channel.CreateUnbounded<RuleCounterBatch>();
}
