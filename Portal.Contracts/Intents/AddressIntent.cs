namespace Portal.Contracts.Intents;

/// <summary>
/// A host address the operator gives to one container, in and out: <see cref="Address"/> is held on the host interface
/// <see cref="Interface"/>, traffic to it (every port, or only <see cref="Ports"/>, "80/tcp") reaches the container at
/// whatever address it has now, and the container's outbound traffic through that interface leaves from it.
/// </summary>
public sealed record AddressIntent(string Address, string Interface, string Container, IReadOnlyList<string>? Ports = null) : IntentSpec
{
    public override string Describe() =>
        $"address {Address} on {Interface} for {Container}" + (Ports is { Count: > 0 } ports ? $" ({string.Join(", ", ports)})" : " (all ports)");
}
