namespace Portal.Client.Formatting;

/// <summary>Which environment variables hold secrets by the look of their name, and how a masked value reads.</summary>
public static class SecretNames
{
    private static readonly string[] Markers = ["PASSWORD", "SECRET", "TOKEN", "KEY"];

    public const string Mask = "••••••••";

    public static bool LooksSecret(string name) =>
        Markers.Any(marker => name.Contains(marker, StringComparison.OrdinalIgnoreCase));

    /// <summary>The value to show: masked when the name looks secret and it has not been revealed.</summary>
    public static string Show(string name, string value, bool revealed) =>
        LooksSecret(name) && !revealed ? Mask : value;
}
