using System.Net;
using System.Text;
using System.Text.Json;
using Portal.Server.Tests.Infrastructure;

namespace Portal.Server.Tests;

/// <summary>
/// Bodies the server cannot read are the caller's fault: a ProblemDetails 4xx, never a 500 (found by the API fuzz).
/// The factory runs in Development, where minimal APIs throw on a body they cannot bind instead of answering 400.
/// </summary>
public sealed class RequestBodyProblemTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Theory]
    [InlineData("application/json; charset=ebcdic-fuzz")]
    [InlineData("application/json; charset=utf-16")]
    public async Task JsonBody_CharsetOtherThanUtf8_415Problem(string contentType)
    {
        using var admin = await PortalClient.AdminAsync(factory);
        var (status, problem) = await SendAsync(admin, "{\"name\":\"h-charset\"}", contentType);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, status);
        Assert.Equal(415, problem.GetProperty("status").GetInt32());
        Assert.Empty(await admin.GetAsync<List<JsonElement>>("/api/hosts"));
    }

    [Theory]
    [InlineData("{\"name\":")]
    [InlineData("{\"name\":12}")]
    [InlineData("[{\"name\":\"h-array\"}]")]
    public async Task JsonBody_Unreadable_400Problem(string body)
    {
        using var admin = await PortalClient.AdminAsync(factory);
        var (status, problem) = await SendAsync(admin, body, "application/json");
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(400, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("title").GetString()));
    }

    private static async Task<(HttpStatusCode Status, JsonElement Problem)> SendAsync(PortalClient client, string body, string contentType)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/hosts") { Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body)) };
        request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        request.Headers.Add("X-Requested-With", "test");
        using var response = await client.Http.SendAsync(request, TestContext.Current.CancellationToken);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        return (response.StatusCode, json.RootElement.Clone());
    }
}
