using Microsoft.Extensions.DependencyInjection;
using Portal.Host.Resilience;

namespace Portal.Host.Tests.Resilience;

/// <summary>The agent's retry pipeline as registered in DI, with the agent's schedule unless a test gives another.</summary>
public static class TestRetry
{
    public static AgentRetry Create(RetryBackoff? backoff = null) =>
        new ServiceCollection().AddLogging().AddAgentRetry(backoff).BuildServiceProvider().GetRequiredService<AgentRetry>();
}
