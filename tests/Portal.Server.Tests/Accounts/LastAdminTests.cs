using System.Net;
using System.Net.Http.Json;
using Portal.Contracts.Api;
using Portal.Server.Tests.Infrastructure;

namespace Portal.Server.Tests.Accounts;

public sealed class LastAdminTests
{
    [Fact]
    public async Task DemoteEachOther_TwoAdminsConcurrently_OneGets409AndOneAdminRemains()
    {
        await using var factory = new PortalFactory();
        var cancellationToken = TestContext.Current.CancellationToken;
        var first = await PortalClient.AdminAsync(factory);
        var firstName = PortalFactory.AdminUser;
        // Several rounds: a race the lock did not prevent shows up in one of them.
        var conflicts = 0;
        for (var round = 0; round < 5; round++)
        {
            var secondName = $"admin-{round}-{Guid.NewGuid():N}"[..16];
            using (var created = await first.Http.PostAsJsonAsync(
                "/api/users", new CreateUserRequest(secondName, "password-of-admin", Roles.Admin), cancellationToken))
            {
                Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            }

            var second = await PortalClient.SignedInAsync(factory, secondName, "password-of-admin");
            var demotions = await Task.WhenAll(
                first.Http.PutAsJsonAsync($"/api/users/{secondName}/role", new UserRoleRequest(Roles.Viewer), cancellationToken),
                second.Http.PutAsJsonAsync($"/api/users/{firstName}/role", new UserRoleRequest(Roles.Viewer), cancellationToken));
            // Exactly one demotion wins. The other is refused: 409 when it got past sign-in before the winner
            // committed, else 401, because the winner's demotion ended the loser's own session first. Without the
            // lock both succeed and no admin is left.
            var statuses = demotions.Select(d => d.StatusCode).ToList();
            Assert.Single(statuses, s => s == HttpStatusCode.OK);
            Assert.Single(statuses, s => s is HttpStatusCode.Conflict or HttpStatusCode.Unauthorized);
            conflicts += statuses.Count(s => s == HttpStatusCode.Conflict);

            var firstWon = demotions[0].StatusCode == HttpStatusCode.OK;
            var (winner, loser) = firstWon ? (first, second) : (second, first);
            var users = await winner.GetAsync<List<UserSummary>>("/api/users");
            Assert.Equal([firstWon ? firstName : secondName], users.Where(u => u.Role == Roles.Admin).Select(u => u.UserName));
            foreach (var response in demotions)
            {
                response.Dispose();
            }

            loser.Dispose();
            (first, firstName) = (winner, firstWon ? firstName : secondName);
        }

        first.Dispose();
        Assert.True(conflicts > 0, "no round reached the last-admin check");
    }

    [Fact]
    public async Task DeleteOrDemote_LastAdmin_409()
    {
        await using var factory = new PortalFactory();
        using var admin = await PortalClient.AdminAsync(factory);
        using var demote = await admin.Http.PutAsJsonAsync(
            $"/api/users/{PortalFactory.AdminUser}/role", new UserRoleRequest(Roles.Operator), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Conflict, demote.StatusCode);
        Assert.Equal("application/problem+json", demote.Content.Headers.ContentType?.MediaType);
    }
}
