using System.Text.Json.Serialization;

namespace Portal.Contracts.Wire;

/// <summary>
/// Writes a closed set as its wire string (each member's <see cref="JsonStringEnumMemberNameAttribute"/>) and reads
/// only those strings: a number or an unknown string fails with a <see cref="System.Text.Json.JsonException"/>.
/// </summary>
public sealed class WireEnumConverter<TEnum>() : JsonStringEnumConverter<TEnum>(namingPolicy: null, allowIntegerValues: false)
    where TEnum : struct, Enum;
