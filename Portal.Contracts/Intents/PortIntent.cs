namespace Portal.Contracts.Intents;

/// <summary>A published port the operator wants.</summary>
public sealed record PortIntent(string Container, int ContainerPort, string Protocol, int HostPort, string? HostIp) : IntentSpec
{
    public override string Describe() => $"publish {Container}:{ContainerPort}/{Protocol} on {HostIp ?? "0.0.0.0"}:{HostPort}";
}
