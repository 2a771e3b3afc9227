namespace Portal.Contracts.Intents;

/// <summary>A container's connection to a network the operator wants, with its alias and fixed address.</summary>
public sealed record ConnectionIntent(string Network, string Container, string? Alias, string? Ipv4) : IntentSpec
{
    public override string Describe() =>
        $"connect {Container} to {Network}" + (Alias is null ? string.Empty : $" as {Alias}") + (Ipv4 is null ? string.Empty : $" at {Ipv4}");
}
