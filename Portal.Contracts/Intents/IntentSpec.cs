using System.Text.Json.Serialization;

namespace Portal.Contracts.Intents;

/// <summary>What the operator wants, as stored with an intent and compared with each observed state.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "kind")]
[JsonDerivedType(typeof(LinkIntent), IntentKind.Link)]
[JsonDerivedType(typeof(PortIntent), IntentKind.Port)]
[JsonDerivedType(typeof(NetworkIntent), IntentKind.Network)]
[JsonDerivedType(typeof(ConnectionIntent), IntentKind.Connection)]
[JsonDerivedType(typeof(IccIntent), IntentKind.Icc)]
[JsonDerivedType(typeof(AddressIntent), IntentKind.Address)]
[JsonDerivedType(typeof(PolicyIntent), IntentKind.Policy)]
public abstract record IntentSpec
{
    /// <summary>One of <see cref="IntentKind"/>; written as the JSON discriminator, so not a property of its own.</summary>
    [JsonIgnore]
    public string Kind => this switch
    {
        LinkIntent => IntentKind.Link,
        PortIntent => IntentKind.Port,
        NetworkIntent => IntentKind.Network,
        ConnectionIntent => IntentKind.Connection,
        IccIntent => IntentKind.Icc,
        AddressIntent => IntentKind.Address,
        PolicyIntent => IntentKind.Policy,
        _ => throw new InvalidOperationException($"unknown intent {GetType().Name}"),
    };

    /// <summary>In words, for lists and audit: "link client -> web as web".</summary>
    public abstract string Describe();
}
