using System.Net;
using System.Text.Json.Nodes;
using Portal.Lab.Stack;

namespace Portal.Scenarios.Tests.Changes;

/// <summary>The portal's public API as a script would use it: changes, intents, the state the agent last reported.</summary>
public sealed class PortalApi(PortalSession session, string host)
{
    public PortalSession Session { get; } = session;

    public string Host { get; } = host;

    public Task<(HttpStatusCode Status, JsonNode? Body)> PostAsync(string path, object body, CancellationToken cancellationToken) =>
        Session.SendJsonAsync(HttpMethod.Post, $"/api/hosts/{Host}{path}", body, cancellationToken);

    public Task<(HttpStatusCode Status, JsonNode? Body)> PutAsync(string path, object body, CancellationToken cancellationToken) =>
        Session.SendJsonAsync(HttpMethod.Put, $"/api/hosts/{Host}{path}", body, cancellationToken);

    public Task<(HttpStatusCode Status, JsonNode? Body)> DeleteAsync(string path, CancellationToken cancellationToken) =>
        Session.SendJsonAsync(HttpMethod.Delete, $"/api/hosts/{Host}{path}", null, cancellationToken);

    /// <summary>Sends a change that must apply: 200 with the intent applied; answers the body ({intent, plan}).</summary>
    public async Task<JsonNode> ApplyAsync(HttpMethod method, string path, object? body, CancellationToken cancellationToken)
    {
        var (status, answer) = await Session.SendJsonAsync(method, $"/api/hosts/{Host}{path}", body, cancellationToken);
        Assert.True(status == HttpStatusCode.OK, $"{method} {path}: {(int)status} {answer?.ToJsonString()}");
        return answer!;
    }

    /// <summary>Waits until the agent's latest snapshot, as the server holds it, shows every named container.</summary>
    public async Task WaitContainersAsync(CancellationToken cancellationToken, params string[] names)
    {
        foreach (var name in names)
        {
            await Poll.UntilAsync(
                async ct =>
                {
                    using var response = await Session.Http.GetAsync($"/api/hosts/{Host}/containers/{name}", ct);
                    return response.IsSuccessStatusCode;
                },
                TimeSpan.FromSeconds(20),
                $"the portal sees container {name} on {Host}",
                cancellationToken);
        }
    }

    /// <summary>Waits until the portal's state shows the network (and its bridge).</summary>
    public Task WaitNetworkAsync(string network, bool present, CancellationToken cancellationToken) =>
        Poll.UntilAsync(
            async ct => (await Session.GetJsonAsync($"/api/hosts/{Host}/bridges", ct)).AsArray().Any(b => b?["network"]?.GetValue<string>() == network) == present,
            TimeSpan.FromSeconds(20),
            $"the portal sees network {network} {(present ? "present" : "gone")} on {Host}",
            cancellationToken);

    public async Task<List<JsonNode>> IntentsAsync(CancellationToken cancellationToken) =>
        [.. (await Session.GetJsonAsync($"/api/intents?host={Host}", cancellationToken)).AsArray().Select(n => n!)];

    public async Task<JsonNode?> IntentAsync(long id, CancellationToken cancellationToken) =>
        (await IntentsAsync(cancellationToken)).FirstOrDefault(i => i["id"]!.GetValue<long>() == id);

    public async Task<string?> StatusAsync(long id, CancellationToken cancellationToken) =>
        (await IntentAsync(id, cancellationToken))?["status"]?.GetValue<string>();

    /// <summary>The filter rules of one chain as the portal reports them (GET rules), in order.</summary>
    public async Task<List<string>> ChainAsync(string chain, CancellationToken cancellationToken) =>
        [.. (await Session.GetJsonAsync($"/api/hosts/{Host}/rules?table=filter", cancellationToken)).AsArray()
            .Where(r => r!["chain"]!.GetValue<string>() == chain)
            .OrderBy(r => r!["index"]!.GetValue<int>())
            .Select(r => r!["text"]!.GetValue<string>())];

    /// <summary>Best-effort cleanup of a change made through the portal; a test's finally block must not throw over it.</summary>
    public async Task UndoAsync(string path, CancellationToken cancellationToken)
    {
        try
        {
            await DeleteAsync(path, cancellationToken);
        }
        catch (HttpRequestException)
        {
        }
    }

    public static long IdOf(JsonNode answer) => answer["intent"]!["id"]!.GetValue<long>();
}
