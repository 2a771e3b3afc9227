namespace Portal.Contracts.Intents;

/// <summary>The operator's inter-container traffic choice for one network.</summary>
public sealed record IccIntent(string Network, bool Enabled) : IntentSpec
{
    public override string Describe() => $"ICC {(Enabled ? "on" : "off")} for {Network}";
}
