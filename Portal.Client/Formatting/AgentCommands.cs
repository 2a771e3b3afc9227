namespace Portal.Client.Formatting;

/// <summary>The command lines an admin copies to start a host's agent.</summary>
public static class AgentCommands
{
    /// <summary>The address at which lab namespaces reach the server (the root end of the lab's physical bridge).</summary>
    public const string LabServerAddress = "10.20.30.1";

    public static string Run(string origin, string token, string host) =>
        $"Portal.Host run --server {origin} --token {token} --docker unix:///var/run/docker.sock --host {host}";

    /// <summary>
    /// The agent inside a lab namespace: it must see that namespace's iptables and links, and reaches the server on
    /// the lab bridge, so the server's host part becomes the lab address while its port and scheme stay.
    /// </summary>
    public static string Lab(string origin, string token, string host)
    {
        var server = Uri.TryCreate(origin, UriKind.Absolute, out var uri)
            ? $"{uri.Scheme}://{LabServerAddress}:{uri.Port}"
            : origin;
        return $"nsenter --net=/var/run/netns/{host} Portal.Host run --server {server} --token {token} " +
               $"--docker unix:///var/lib/portal-lab/{host}/docker.sock --host {host}";
    }
}
