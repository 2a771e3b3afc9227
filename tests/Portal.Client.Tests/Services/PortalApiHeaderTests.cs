using System.Net;
using System.Text;
using Portal.Client.Services;

namespace Portal.Client.Tests.Services;

/// <summary>The browser app sends X-Requested-With on every request, which the server requires on every change.</summary>
public sealed class PortalApiHeaderTests
{
    [Fact]
    public async Task EveryRequest_CarriesRequestedWith()
    {
        var seen = new List<(HttpMethod Method, string Path, string? Header)>();
        using var http = new HttpClient(new Recorder(seen)) { BaseAddress = new Uri("http://portal.test/") };
        var api = new PortalApi(http, new AuthState());
        var ct = TestContext.Current.CancellationToken;

        await api.LogoutAsync(ct);
        await api.DeleteHostAsync("h1", ct);
        await Assert.ThrowsAnyAsync<Exception>(() => api.CreateHostAsync("h2", ct));
        await api.GetHostsAsync(ct);

        Assert.Equal(
            [(HttpMethod.Post, "/api/auth/logout"), (HttpMethod.Delete, "/api/hosts/h1"), (HttpMethod.Post, "/api/hosts"), (HttpMethod.Get, "/api/hosts")],
            seen.Select(s => (s.Method, s.Path)));
        Assert.All(seen, s => Assert.False(string.IsNullOrWhiteSpace(s.Header), $"{s.Method} {s.Path} without X-Requested-With"));
    }

    private sealed class Recorder(List<(HttpMethod, string, string?)> seen) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var header = request.Headers.TryGetValues("X-Requested-With", out var values) ? string.Join(",", values) : null;
            seen.Add((request.Method, request.RequestUri!.AbsolutePath, header));
            // An empty JSON list: enough for the calls that read a body, and a plain success for those that do not.
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("[]", Encoding.UTF8, "application/json") });
        }
    }
}
