using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using System.Text.Json.Serialization;

namespace Portal.Contracts.Wire;

/// <summary>
/// The wire string of a closed set's member (the same string its JSON carries), for the places that store or compare
/// text: database columns, query strings, log lines, CSV cells. Parsing ignores case; an unknown string is refused.
/// </summary>
public static class WireName
{
    public static string Of<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicFields)] TEnum>(TEnum value)
        where TEnum : struct, Enum =>
        Names<TEnum>.ByValue.TryGetValue(value, out var name) ? name : throw new ArgumentOutOfRangeException(nameof(value), value, $"not a member of {typeof(TEnum).Name}");

    public static bool TryParse<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicFields)] TEnum>(string? text, out TEnum value)
        where TEnum : struct, Enum
    {
        if (text is not null && Names<TEnum>.ByName.TryGetValue(text, out value))
            return true;
        value = default;
        return false;
    }

    /// <summary>Parses a stored or received wire string; an unknown one is an error naming the set and the text.</summary>
    public static TEnum Parse<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicFields)] TEnum>(string text)
        where TEnum : struct, Enum =>
        TryParse<TEnum>(text, out var value) ? value : throw new FormatException($"'{text}' is not one of {string.Join(", ", All<TEnum>())}");

    /// <summary>Every wire string of the set, in declaration order.</summary>
    public static IReadOnlyList<string> All<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicFields)] TEnum>()
        where TEnum : struct, Enum => Names<TEnum>.InOrder;

    private static class Names<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicFields)] TEnum>
        where TEnum : struct, Enum
    {
        public static readonly IReadOnlyList<string> InOrder = Enum.GetValues<TEnum>().Select(Name).ToArray();

        public static readonly Dictionary<TEnum, string> ByValue = Enum.GetValues<TEnum>().ToDictionary(v => v, Name);

        public static readonly Dictionary<string, TEnum> ByName =
            Enum.GetValues<TEnum>().ToDictionary(Name, v => v, StringComparer.OrdinalIgnoreCase);

        // The names the converter writes (WireEnumConverter: each member's JsonStringEnumMemberName, else its own
        // name), read from the same attributes, so JSON and text never disagree; no serializer, so a trimmed,
        // natively compiled agent can use it too.
        private static string Name(TEnum value)
        {
            var member = value.ToString();
            return typeof(TEnum).GetField(member, BindingFlags.Public | BindingFlags.Static)?.GetCustomAttribute<JsonStringEnumMemberNameAttribute>()?.Name ?? member;
        }
    }
}
