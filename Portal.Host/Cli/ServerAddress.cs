namespace Portal.Host.Cli;

/// <summary>
/// Where the agent may send its token: HTTPS anywhere; plain HTTP only to this machine (loopback), unless
/// <c>--allow-insecure-http</c> says the network in between is trusted (the lab, the demo).
/// </summary>
public static class ServerAddress
{
    /// <summary>Why the address is refused, or null when it may be used.</summary>
    public static string? Check(Uri server, bool allowInsecureHttp, bool hasCaFile)
    {
        if (server.Scheme == Uri.UriSchemeHttps)
        {
            return null;
        }

        if (hasCaFile)
        {
            return $"--ca-file needs an https:// server, got {server}";
        }

        return server.IsLoopback || allowInsecureHttp
            ? null
            : $"--server {server} is plain HTTP to another machine: the token and every command would cross the network " +
              "in clear; use https:// (with --ca-file for a private CA), or --allow-insecure-http on a network you trust";
    }
}
