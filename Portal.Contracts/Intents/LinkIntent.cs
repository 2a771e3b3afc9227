namespace Portal.Contracts.Intents;

/// <summary>A link the operator wants: <c>source</c> reaches <c>target</c> under <c>alias</c>.</summary>
public sealed record LinkIntent(string Source, string Target, string Alias) : IntentSpec
{
    public override string Describe() => $"link {Source} -> {Target} as {Alias}";
}
