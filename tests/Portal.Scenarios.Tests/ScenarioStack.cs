using Portal.Lab.Stack;

[assembly: AssemblyFixture(typeof(Portal.Scenarios.Tests.ScenarioStack))]

namespace Portal.Scenarios.Tests;

using Lab = Portal.Lab.Lab;

/// <summary>
/// One portal attached to both lab hosts for every scenario of this assembly. One only: two portals managing the same
/// host would each rewrite the portal chain to their own intents.
/// </summary>
public sealed class ScenarioStack : IAsyncLifetime
{
    public PortalStack Stack { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        Stack = await PortalStack.StartAsync(Lab.Hosts, TestContext.Current.CancellationToken);
    }

    public async ValueTask DisposeAsync() => await Stack.DisposeAsync();
}
