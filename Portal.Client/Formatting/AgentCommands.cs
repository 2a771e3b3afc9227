namespace Portal.Client.Formatting;

/// <summary>
/// The command lines an admin copies to start a host's agent. The token goes into a file only root can read (the
/// shell's own printf writes it, so it never shows in the process list) and the agent reads it with
/// <c>--token-file</c>; never <c>--token</c>, which every user sees in <c>ps</c>.
/// </summary>
public static class AgentCommands
{
    /// <summary>The address at which lab namespaces reach the server (the root end of the lab's physical bridge).</summary>
    public const string LabServerAddress = "10.20.30.1";

    /// <summary>Where the agent's token file goes on a host.</summary>
    public const string TokenFile = "/etc/portal-agent/token";

    /// <summary>In the lab all hosts share one machine, so each token gets a file of its own.</summary>
    public static string LabTokenFile(string host) => $"/etc/portal-agent/{host}.token";

    /// <summary>Writes the token to a root-only file. Tokens are base64url, so single quotes hold them as they are.</summary>
    public static string SaveToken(string token, string path) =>
        $"printf '%s\\n' '{token}' | install -D -m 600 /dev/stdin {path}";

    public static string Run(string origin) =>
        $"Portal.Host run --server {origin} --token-file {TokenFile} --docker unix:///var/run/docker.sock{InsecureFlag(origin)}";

    /// <summary>
    /// The agent inside a lab namespace: it must see that namespace's iptables and links, and reaches the server on
    /// the lab bridge, so the server's host part becomes the lab address while its port and scheme stay.
    /// </summary>
    public static string Lab(string origin, string host)
    {
        var server = Uri.TryCreate(origin, UriKind.Absolute, out var uri)
            ? $"{uri.Scheme}://{LabServerAddress}:{uri.Port}"
            : origin;
        return $"nsenter --net=/var/run/netns/{host} Portal.Host run --server {server} --token-file {LabTokenFile(host)} " +
               $"--docker unix:///var/lib/portal-lab/{host}/docker.sock{InsecureFlag(server)}";
    }

    /// <summary>The agent refuses plain HTTP to another machine unless told the network is trusted.</summary>
    private static string InsecureFlag(string server) =>
        Uri.TryCreate(server, UriKind.Absolute, out var uri) && uri.Scheme == "http" && !uri.IsLoopback ? " --allow-insecure-http" : "";
}
