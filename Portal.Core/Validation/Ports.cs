namespace Portal.Core.Validation;

/// <summary>Port numbers and protocols as Docker accepts them.</summary>
public static class Ports
{
    public static readonly IReadOnlyList<string> Protocols = ["tcp", "udp", "sctp"];

    public static bool IsPort(int value) => value is >= 1 and <= 65535;

    public static bool IsProtocol(string? value) => value is "tcp" or "udp" or "sctp";

    /// <summary>Parses Docker's "80/tcp" notation (protocol defaults to tcp).</summary>
    public static bool TryParse(string? value, out int port, out string protocol)
    {
        port = 0;
        protocol = "tcp";
        if (string.IsNullOrEmpty(value))
        {
            return false;
        }

        var slash = value.IndexOf('/');
        var number = slash < 0 ? value : value[..slash];
        if (slash >= 0)
        {
            protocol = value[(slash + 1)..];
        }

        return int.TryParse(number, System.Globalization.NumberStyles.None, null, out port) && IsPort(port) && IsProtocol(protocol);
    }
}
