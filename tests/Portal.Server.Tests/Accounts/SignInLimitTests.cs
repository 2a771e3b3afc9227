using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Portal.Contracts.Api;
using Portal.Server.Tests.Infrastructure;

namespace Portal.Server.Tests.Accounts;

/// <summary>The sign-in route against guessing: a per-client rate limit, no user enumeration, a per-client lockout.</summary>
public sealed class SignInLimitTests
{
    [Fact]
    public async Task Login_OverThePerClientLimit_429ProblemWithRetryAfter()
    {
        await using var factory = new PortalFactory { Settings = { ["Portal:Auth:LoginPermitsPerMinute"] = "3" } };
        using var client = PortalClient.Anonymous(factory);
        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? last = null;
        for (var i = 0; i < 4; i++)
        {
            last?.Dispose();
            // Different (unknown) names: the limit is per client, whatever names it tries.
            last = await client.Http.PostAsJsonAsync(
                "/api/auth/login", new LoginRequest($"nobody{i}", "some-password-123"), TestContext.Current.CancellationToken);
            statuses.Add(last.StatusCode);
        }

        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests], statuses);
        Assert.Equal("application/problem+json", last!.Content.Headers.ContentType?.MediaType);
        var retryAfter = Assert.Single(last.Headers.GetValues("Retry-After"));
        Assert.InRange(int.Parse(retryAfter), 1, 60);
        last.Dispose();
    }

    [Fact]
    public async Task Login_UnknownUserAndWrongPassword_SameAnswerAndSimilarTime()
    {
        await using var factory = new PortalFactory();
        using var admin = await PortalClient.AdminAsync(factory);
        using var client = PortalClient.Anonymous(factory);
        var cancellationToken = TestContext.Current.CancellationToken;

        async Task<(string Body, TimeSpan Took)> TryAsync(string user)
        {
            var watch = Stopwatch.StartNew();
            using var response = await client.Http.PostAsJsonAsync("/api/auth/login", new LoginRequest(user, "not-the-password"), cancellationToken);
            watch.Stop();
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            return (await response.Content.ReadAsStringAsync(cancellationToken), watch.Elapsed);
        }

        var wrong = new List<(string Body, TimeSpan Took)>();
        var unknown = new List<(string Body, TimeSpan Took)>();
        // Four of each: below the lockout of five failures per (name, client).
        for (var i = 0; i < 4; i++)
        {
            wrong.Add(await TryAsync(PortalFactory.AdminUser));
            unknown.Add(await TryAsync($"ghost-{i}"));
        }

        Assert.Single(wrong.Concat(unknown).Select(a => Normalize(a.Body)).Distinct());
        // The unknown name is verified against a dummy hash: without it, it answers in a fraction of the time.
        var wrongMedian = wrong.Select(a => a.Took).Order().ElementAt(2);
        var unknownMedian = unknown.Select(a => a.Took).Order().ElementAt(2);
        Assert.True(unknownMedian > wrongMedian / 2, $"unknown user {unknownMedian.TotalMilliseconds} ms, wrong password {wrongMedian.TotalMilliseconds} ms");
    }

    [Fact]
    public async Task Login_AttackerLockedOut_AdminFromAnotherAddressStillSignsIn()
    {
        await using var factory = new PortalFactory { Settings = { ["Portal:ForwardedHeaders:KnownProxies:0"] = "127.0.0.1" } };
        using var admin = await PortalClient.AdminAsync(factory);
        using var attacker = PortalClient.Anonymous(factory);
        attacker.Http.DefaultRequestHeaders.Add("X-Forwarded-For", "203.0.113.7");
        var cancellationToken = TestContext.Current.CancellationToken;
        for (var i = 0; i < 5; i++)
        {
            using var failed = await attacker.Http.PostAsJsonAsync(
                "/api/auth/login", new LoginRequest(PortalFactory.AdminUser, "guess-number-" + i), cancellationToken);
            Assert.Equal(HttpStatusCode.Unauthorized, failed.StatusCode);
        }

        // Locked: even the right password does not get the attacker's address in, for a while.
        using var locked = await attacker.Http.PostAsJsonAsync(
            "/api/auth/login", new LoginRequest(PortalFactory.AdminUser, PortalFactory.AdminPassword), cancellationToken);
        Assert.Equal(HttpStatusCode.TooManyRequests, locked.StatusCode);
        Assert.InRange(int.Parse(Assert.Single(locked.Headers.GetValues("Retry-After"))), 1, 30);
        Assert.DoesNotContain("portal.auth", attacker.CookieHeader);

        using var elsewhere = PortalClient.Anonymous(factory);
        elsewhere.Http.DefaultRequestHeaders.Add("X-Forwarded-For", "198.51.100.9");
        using var signedIn = await elsewhere.Http.PostAsJsonAsync(
            "/api/auth/login", new LoginRequest(PortalFactory.AdminUser, PortalFactory.AdminPassword), cancellationToken);
        Assert.Equal(HttpStatusCode.OK, signedIn.StatusCode);
        var users = await admin.GetAsync<List<UserSummary>>("/api/users");
        Assert.True(users.Single(u => u.UserName == PortalFactory.AdminUser).LockedOut);
    }

    [Fact]
    public async Task Login_ForwardedForWithoutKnownProxy_IsIgnored()
    {
        await using var factory = new PortalFactory();
        await factory.EnsureAdminPasswordChangedAsync();
        var cancellationToken = TestContext.Current.CancellationToken;
        for (var i = 0; i < 5; i++)
        {
            using var attacker = PortalClient.Anonymous(factory);
            // A new made-up address each time: believed, it would dodge the lockout.
            attacker.Http.DefaultRequestHeaders.Add("X-Forwarded-For", $"203.0.113.{i + 1}");
            using var failed = await attacker.Http.PostAsJsonAsync(
                "/api/auth/login", new LoginRequest(PortalFactory.AdminUser, "guess-number-" + i), cancellationToken);
            Assert.Equal(HttpStatusCode.Unauthorized, failed.StatusCode);
        }

        using var next = PortalClient.Anonymous(factory);
        next.Http.DefaultRequestHeaders.Add("X-Forwarded-For", "203.0.113.99");
        using var locked = await next.Http.PostAsJsonAsync(
            "/api/auth/login", new LoginRequest(PortalFactory.AdminUser, PortalFactory.AdminPassword), cancellationToken);
        Assert.Equal(HttpStatusCode.TooManyRequests, locked.StatusCode);
    }

    // The ProblemDetails traceId differs per request; everything else must be the same.
    private static string Normalize(string body)
    {
        var json = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(body)!;
        json.Remove("traceId");
        return JsonSerializer.Serialize(json);
    }
}
