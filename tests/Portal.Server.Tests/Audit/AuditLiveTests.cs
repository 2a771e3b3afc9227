using System.Threading.Channels;
using Microsoft.AspNetCore.SignalR.Client;
using Portal.Contracts.Api;
using Portal.Contracts.Model;
using Portal.Server.Tests.Infrastructure;
using static Portal.Server.Tests.Audit.AuditHost;

namespace Portal.Server.Tests.Audit;

public sealed class AuditLiveTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task RuleChanges_Watcher_ReceivesAuditAppended(bool watchAll)
    {
        using var admin = await PortalClient.AdminAsync(factory);
        await using var host = await StartAsync(factory, admin);
        using var viewer = await PortalClient.WithRoleAsync(factory, Roles.Viewer);
        await using var browser = await TestBrowser.ConnectAsync(factory, viewer);
        var appended = Channel.CreateUnbounded<List<AuditEntryView>>();
        browser.Connection.On<List<AuditEntryView>>(LiveHubMethods.AuditAppended, rows => appended.Writer.TryWrite(rows));
        await browser.Connection.InvokeAsync(LiveHubMethods.Watch, watchAll ? LiveHubMethods.AllHosts : host.Name, TestContext.Current.CancellationToken);

        const string text = "-A DOCKER ! -i docker0 -p tcp -m tcp --dport 8080 -j DNAT --to-destination 172.17.0.2:80";
        await host.SendAsync(Added(1, "nat", "DOCKER", text, 1, Port("web", "8080/tcp"), Docker("start", "web")));

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(10));
        var row = Assert.Single(await appended.Reader.ReadAsync(timeout.Token));
        Assert.Equal(host.Name, row.Host);
        Assert.Equal(text, row.Rule);
        Assert.Equal(ChangeKind.Added, row.Change);
        Assert.Equal(Docker("start", "web"), row.Cause);
        var stored = Assert.Single(await admin.GetAsync<List<AuditEntryView>>($"/api/audit?host={host.Name}"));
        Assert.Equal(stored.Id, row.Id);
    }
}
