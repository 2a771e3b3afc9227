namespace Portal.Core.Engine;

/// <summary>
/// The options of a bridge network (<c>docker network inspect</c>'s Options) that shape its bridge and its rules, read
/// the same way by the agent and by the offline analysis.
/// </summary>
public static class BridgeOptions
{
    public const string BridgeName = "com.docker.network.bridge.name";
    public const string Icc = "com.docker.network.bridge.enable_icc";
    public const string Masquerade = "com.docker.network.bridge.enable_ip_masquerade";
    public const string DefaultBridge = "com.docker.network.bridge.default_bridge";
    public const string Mtu = "com.docker.network.driver.mtu";

    /// <summary>The Linux bridge's name: the option when given, docker0 for the default network, else br- and 12 characters of the id.</summary>
    public static string BridgeNameOf(string network, string id, IReadOnlyDictionary<string, string> options)
    {
        ArgumentNullException.ThrowIfNull(id);
        var isDefault = Value(options, DefaultBridge) == "true" || network == "bridge";
        return Value(options, BridgeName) ?? (isDefault ? "docker0" : "br-" + id[..Math.Min(12, id.Length)]);
    }

    /// <summary>ICC is on unless the option says "false".</summary>
    public static bool IccOf(IReadOnlyDictionary<string, string> options) => Value(options, Icc) != "false";

    /// <summary>Masquerading is on unless the option says "false".</summary>
    public static bool MasqueradeOf(IReadOnlyDictionary<string, string> options) => Value(options, Masquerade) != "false";

    public static int? MtuOf(IReadOnlyDictionary<string, string> options) =>
        int.TryParse(Value(options, Mtu), out var mtu) ? mtu : null;

    private static string? Value(IReadOnlyDictionary<string, string> options, string key) =>
        options.TryGetValue(key, out var value) && value.Length > 0 ? value : null;
}
