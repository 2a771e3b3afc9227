using Portal.Lab.Stack;

[assembly: AssemblyFixture(typeof(Portal.E2E.Tests.StackFixture))]

namespace Portal.E2E.Tests;

using Lab = Portal.Lab.Lab;

/// <summary>One portal attached to both lab hosts, shared by every end-to-end test of this assembly.</summary>
public sealed class StackFixture : IAsyncLifetime
{
    public PortalStack Stack { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        Stack = await PortalStack.StartAsync(Lab.Hosts, TestContext.Current.CancellationToken);
    }

    public async ValueTask DisposeAsync() => await Stack.DisposeAsync();
}
