using Portal.Lab.Stack;

[assembly: AssemblyFixture(typeof(Portal.Scenarios.Tests.ScenarioStack))]

namespace Portal.Scenarios.Tests;

using Lab = Portal.Lab.Lab;

/// <summary>
/// One portal attached to the lab hosts for every scenario of this assembly: docker1 and docker2, and docker3 (iptables
/// legacy, IPv6), on which the link, ICC and history scenarios run a second time. One only: two portals managing the
/// same host would each rewrite the portal chain to their own intents.
/// </summary>
public sealed class ScenarioStack : IAsyncLifetime
{
    public PortalStack Stack { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        await Lab.EnsureDocker3UpAsync(TestContext.Current.CancellationToken);
        Stack = await PortalStack.StartAsync([.. Lab.Hosts, Lab.Docker3], TestContext.Current.CancellationToken);
    }

    public async ValueTask DisposeAsync() => await Stack.DisposeAsync();
}
