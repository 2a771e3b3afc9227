namespace Portal.Contracts.Intents;

/// <summary>A bridge network the operator wants.</summary>
public sealed record NetworkIntent(string Name, string? Subnet, string? Gateway, bool Icc, bool Masquerade, int? Mtu) : IntentSpec
{
    public override string Describe() => $"network {Name}" + (Subnet is null ? string.Empty : $" {Subnet}");
}
