using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Portal.Contracts.Api;
using Portal.Server.Tests.Infrastructure;

namespace Portal.Server.Tests.Accounts;

/// <summary>Own password changes, an admin's reset, and the bootstrap password that must be changed first.</summary>
public sealed class PasswordTests
{
    [Fact]
    public async Task BootstrapAdmin_BeforeChange_OnlyMeLogoutAndPasswordChange()
    {
        await using var factory = new PortalFactory();
        using var admin = await PortalClient.SignedInAsync(factory, PortalFactory.AdminUser, PortalFactory.BootstrapPassword);
        var cancellationToken = TestContext.Current.CancellationToken;
        Assert.True((await admin.GetAsync<CurrentUser>("/api/auth/me")).MustChangePassword);

        using var hosts = await admin.Http.GetAsync("/api/hosts", cancellationToken);
        Assert.Equal(HttpStatusCode.Forbidden, hosts.StatusCode);
        Assert.Equal("application/problem+json", hosts.Content.Headers.ContentType?.MediaType);
        Assert.Contains("change your password first", await hosts.Content.ReadAsStringAsync(cancellationToken));
        using var create = await admin.Http.PostAsJsonAsync("/api/users", new CreateUserRequest("x-user-name", "password-of-x-user", Roles.Admin), cancellationToken);
        Assert.Equal(HttpStatusCode.Forbidden, create.StatusCode);
        await Assert.ThrowsAnyAsync<Exception>(() => TestBrowser.ConnectAsync(factory, admin));

        using var tooShort = await admin.Http.PostAsJsonAsync(
            "/api/auth/password", new ChangePasswordRequest(PortalFactory.BootstrapPassword, "short-pw"), cancellationToken);
        await AssertFieldAsync(tooShort, "newPassword");
        using var same = await admin.Http.PostAsJsonAsync(
            "/api/auth/password", new ChangePasswordRequest(PortalFactory.BootstrapPassword, PortalFactory.BootstrapPassword), cancellationToken);
        await AssertFieldAsync(same, "newPassword");
        using var wrongCurrent = await admin.Http.PostAsJsonAsync(
            "/api/auth/password", new ChangePasswordRequest("not-the-current-one", PortalFactory.AdminPassword), cancellationToken);
        await AssertFieldAsync(wrongCurrent, "currentPassword");

        using var changed = await admin.Http.PostAsJsonAsync(
            "/api/auth/password", new ChangePasswordRequest(PortalFactory.BootstrapPassword, PortalFactory.AdminPassword), cancellationToken);
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.False((await admin.GetAsync<CurrentUser>("/api/auth/me")).MustChangePassword);
        Assert.Empty(await admin.GetAsync<List<HostSummary>>("/api/hosts"));
        await using var browser = await TestBrowser.ConnectAsync(factory, admin);
        Assert.Equal(HubConnectionState.Connected, browser.Connection.State);

        // The old password is gone; a new sign-in with the new one is not asked to change again.
        using var old = PortalClient.Anonymous(factory);
        using var oldLogin = await old.Http.PostAsJsonAsync(
            "/api/auth/login", new LoginRequest(PortalFactory.AdminUser, PortalFactory.BootstrapPassword), cancellationToken);
        Assert.Equal(HttpStatusCode.Unauthorized, oldLogin.StatusCode);
        using var again = await PortalClient.SignedInAsync(factory, PortalFactory.AdminUser, PortalFactory.AdminPassword);
        Assert.False((await again.GetAsync<CurrentUser>("/api/auth/me")).MustChangePassword);
    }

    [Fact]
    public async Task GeneratedBootstrapPassword_InAPrivateFileNotTheLog_FileDeletedAfterChange()
    {
        var folder = Directory.CreateTempSubdirectory("portal-bootstrap-").FullName;
        var logs = new ConcurrentQueue<string>();
        var factory = new PortalFactory
        {
            DatabasePath = Path.Combine(folder, "portal.db"),
            Settings = { ["Portal:Bootstrap:AdminPassword"] = "" },
            Customize = b => b.ConfigureLogging(l => l.AddProvider(new CapturingLoggerProvider(logs))),
        };
        try
        {
            await GeneratedPasswordFlowAsync(factory, folder, logs);
        }
        finally
        {
            await factory.DisposeAsync();
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task GeneratedPasswordFlowAsync(PortalFactory factory, string folder, ConcurrentQueue<string> logs)
    {
        _ = factory.Server;
        var file = Path.Combine(folder, "bootstrap-admin-password");
        Assert.True(File.Exists(file));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
        }
        var password = (await File.ReadAllTextAsync(file, TestContext.Current.CancellationToken)).Trim();
        Assert.Equal(20, password.Length);
        Assert.Contains(logs, l => l.Contains(file, StringComparison.Ordinal));
        Assert.DoesNotContain(logs, l => l.Contains(password, StringComparison.Ordinal));

        using var admin = await PortalClient.SignedInAsync(factory, PortalFactory.AdminUser, password);
        Assert.True((await admin.GetAsync<CurrentUser>("/api/auth/me")).MustChangePassword);
        using var changed = await admin.Http.PostAsJsonAsync(
            "/api/auth/password", new ChangePasswordRequest(password, "a-password-of-my-own"), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.False(File.Exists(file));
        Assert.DoesNotContain(logs, l => l.Contains(password, StringComparison.Ordinal));
    }

    [Fact]
    public async Task ChangeOwnPassword_OtherSessionsEnd_ThisOneStays()
    {
        await using var factory = new PortalFactory();
        using var admin = await PortalClient.AdminAsync(factory);
        var cancellationToken = TestContext.Current.CancellationToken;
        using var created = await admin.Http.PostAsJsonAsync("/api/users", new CreateUserRequest("changer", "first-password-1", Roles.Operator), cancellationToken);
        using var here = await PortalClient.SignedInAsync(factory, "changer", "first-password-1");
        using var there = await PortalClient.SignedInAsync(factory, "changer", "first-password-1");

        using var changed = await here.Http.PostAsJsonAsync(
            "/api/auth/password", new ChangePasswordRequest("first-password-1", "second-password-2"), cancellationToken);
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        using var hereMe = await here.Http.GetAsync("/api/auth/me", cancellationToken);
        Assert.Equal(HttpStatusCode.OK, hereMe.StatusCode);
        using var thereMe = await there.Http.GetAsync("/api/auth/me", cancellationToken);
        Assert.Equal(HttpStatusCode.Unauthorized, thereMe.StatusCode);
    }

    [Fact]
    public async Task AdminResetsPassword_Short400_ThenUserMustChangeIt()
    {
        await using var factory = new PortalFactory();
        using var admin = await PortalClient.AdminAsync(factory);
        var cancellationToken = TestContext.Current.CancellationToken;
        using var created = await admin.Http.PostAsJsonAsync("/api/users", new CreateUserRequest("forgetful", "forgotten-password", Roles.Viewer), cancellationToken);
        using var session = await PortalClient.SignedInAsync(factory, "forgetful", "forgotten-password");

        using var tooShort = await admin.Http.PutAsJsonAsync("/api/users/forgetful/password", new ResetPasswordRequest("eleven-char"), cancellationToken);
        await AssertFieldAsync(tooShort, "password");
        using var missing = await admin.Http.PutAsJsonAsync("/api/users/nobody-here/password", new ResetPasswordRequest("a-long-enough-one"), cancellationToken);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        using var reset = await admin.Http.PutAsJsonAsync("/api/users/forgetful/password", new ResetPasswordRequest("temporary-password"), cancellationToken);
        Assert.Equal(HttpStatusCode.NoContent, reset.StatusCode);

        using var ended = await session.Http.GetAsync("/api/auth/me", cancellationToken);
        Assert.Equal(HttpStatusCode.Unauthorized, ended.StatusCode);
        using var user = await PortalClient.SignedInAsync(factory, "forgetful", "temporary-password");
        Assert.True((await user.GetAsync<CurrentUser>("/api/auth/me")).MustChangePassword);
        using var hosts = await user.Http.GetAsync("/api/hosts", cancellationToken);
        Assert.Equal(HttpStatusCode.Forbidden, hosts.StatusCode);
    }

    [Fact]
    public async Task CreateUser_PasswordUnder12_400NamingPassword()
    {
        await using var factory = new PortalFactory();
        using var admin = await PortalClient.AdminAsync(factory);
        using var response = await admin.Http.PostAsJsonAsync(
            "/api/users", new CreateUserRequest("shorty", "elevenchars", Roles.Viewer), TestContext.Current.CancellationToken);
        await AssertFieldAsync(response, "password");
    }

    private static async Task AssertFieldAsync(HttpResponseMessage response, string field)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
    }

    private sealed class CapturingLoggerProvider(ConcurrentQueue<string> lines) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new Logger(lines);

        public void Dispose()
        {
        }

        private sealed class Logger(ConcurrentQueue<string> lines) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                lines.Enqueue(formatter(state, exception) + exception);
        }
    }
}
