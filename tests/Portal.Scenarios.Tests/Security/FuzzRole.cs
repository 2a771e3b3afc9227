using Portal.Lab.Stack;

namespace Portal.Scenarios.Tests.Security;

/// <summary>Who sends the fuzz: anonymous (no cookie) or a signed-in user of a role.</summary>
public sealed class FuzzRole(string name, HttpClient http, PortalSession? session) : IDisposable
{
    public string Name { get; } = name;

    public HttpClient Http { get; } = http;

    /// <summary>The signed-in session, null for anonymous.</summary>
    public PortalSession? Session { get; } = session;

    public static FuzzRole Anonymous(Uri server) =>
        new("anonymous", new HttpClient(new SocketsHttpHandler { UseCookies = false }) { BaseAddress = server }, null);

    public static async Task<FuzzRole> SignedInAsync(PortalStack stack, string role, CancellationToken cancellationToken)
    {
        var session = await stack.UserAsync(role, cancellationToken);
        // A client of its own on the session's cookies: headers the session's client sends by default must not leak
        // into the fuzz (the cases without X-Requested-With), and signing the session in again renews the cookie here.
        var http = new HttpClient(new SocketsHttpHandler { CookieContainer = session.Cookies, UseCookies = true }) { BaseAddress = stack.Url };
        return new FuzzRole(role, http, session);
    }

    public void Dispose()
    {
        Http.Dispose();
        Session?.Dispose();
    }
}
