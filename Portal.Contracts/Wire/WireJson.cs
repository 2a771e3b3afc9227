using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Portal.Contracts.Wire;

/// <summary>
/// The agent's JSON without reflection: the source-generated metadata of <see cref="WireJsonContext"/>, and the options
/// the agent's hub connection serialises its payloads with (the context, reading "kind" wherever it stands).
/// </summary>
public static class WireJson
{
    /// <summary>The hub payload options: only the context's types resolve (no reflection fallback).</summary>
    public static readonly JsonSerializerOptions Payload = WireJsonContext.Default.Options;

    public static readonly JsonSerializerOptions Indented = new(WireJsonContext.Default.Options) { WriteIndented = true };

    /// <summary>The generated metadata of <typeparamref name="T"/>; a type the context does not list is an error naming it.</summary>
    public static JsonTypeInfo<T> Info<T>() => Info<T>(Payload);

    public static JsonTypeInfo<T> Info<T>(JsonSerializerOptions options) =>
        options.TryGetTypeInfo(typeof(T), out var info)
            ? (JsonTypeInfo<T>)info
            : throw new NotSupportedException($"{typeof(T)} is not in {nameof(WireJsonContext)}: add [JsonSerializable(typeof({typeof(T).Name}))]");
}
