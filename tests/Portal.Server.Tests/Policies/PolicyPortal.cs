using Microsoft.Extensions.DependencyInjection;
using Portal.Server.Flows;
using Portal.Server.Tests.Infrastructure;

namespace Portal.Server.Tests.Policies;

/// <summary>A real server whose flow reader answers what the test stored (<see cref="StoredFlows"/>).</summary>
public sealed class PolicyPortal : IAsyncDisposable
{
    public PolicyPortal()
    {
        Factory = new PortalFactory { Customize = b => b.ConfigureServices(s => s.AddSingleton<IFlowReader>(Flows)) };
    }

    public StoredFlows Flows { get; } = new();

    public PortalFactory Factory { get; }

    public ValueTask DisposeAsync() => Factory.DisposeAsync();
}
