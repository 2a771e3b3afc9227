namespace Portal.Core.Validation;

/// <summary>The name rules Docker and DNS apply, checked before anything reaches a host.</summary>
public static class Names
{
    /// <summary>Docker's container and network name rule: <c>[a-zA-Z0-9][a-zA-Z0-9_.-]+</c> (daemon/names).</summary>
    public static bool IsContainerName(string? value) =>
        !string.IsNullOrEmpty(value)
        && value.Length <= 128
        && char.IsAsciiLetterOrDigit(value[0])
        && value.AsSpan(1).IndexOfAnyExcept(NameChars) < 0
        && value.Length >= 2;

    /// <summary>Network names follow the same rule as container names.</summary>
    public static bool IsNetworkName(string? value) => IsContainerName(value);

    /// <summary>An RFC 1123 DNS label: 1-63 of [a-z0-9-], not starting or ending with '-'. Upper case is accepted as Docker does.</summary>
    public static bool IsDnsLabel(string? value) =>
        !string.IsNullOrEmpty(value)
        && value.Length <= 63
        && value[0] != '-'
        && value[^1] != '-'
        && value.AsSpan().IndexOfAnyExcept(LabelChars) < 0;

    /// <summary>The host name a portal host is registered under: a DNS label.</summary>
    public static bool IsHostName(string? value) => IsDnsLabel(value);

    private static readonly System.Buffers.SearchValues<char> NameChars =
        System.Buffers.SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.-");

    private static readonly System.Buffers.SearchValues<char> LabelChars =
        System.Buffers.SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-");
}
