using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Portal.Contracts.Api;
using Portal.Contracts.Intents;
using Portal.Contracts.Model;
using Portal.Server.Tests.Infrastructure;

namespace Portal.Server.Tests.Changes;

/// <summary>Change requests as a script sends them, with the answers read the way the contract describes them.</summary>
public static class ChangeClient
{
    public static async Task<(HttpStatusCode Status, JsonElement Body)> SendAsync(PortalClient client, HttpMethod method, string path, object? body = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body, options: PortalJson.Options);
        }

        using var response = await client.Http.SendAsync(request, TestContext.Current.CancellationToken);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        var json = text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
        return (response.StatusCode, json);
    }

    public static ChangeResponse Read(JsonElement body) => body.Deserialize<ChangeResponse>(PortalJson.Options)!;

    public static Task<List<IntentView>> IntentsAsync(PortalClient client, string host) =>
        client.GetAsync<List<IntentView>>($"/api/intents?host={host}");
}
