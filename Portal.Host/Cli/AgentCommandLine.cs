using System.CommandLine;

namespace Portal.Host.Cli;

/// <summary>
/// The agent's command line as System.CommandLine commands: <c>run</c>, <c>snapshot</c>, <c>execute</c> and <c>analyze</c>, each with
/// <c>--help</c>. It only recognises the words; <see cref="OptionParser"/> applies the environment fallbacks and checks
/// the values (a URL that is not one, plain HTTP to another machine, an unreadable token file).
/// </summary>
public static class AgentCommandLine
{
    public static readonly Option<string> Docker = new("--docker")
    {
        Description = "The Docker engine's socket, unix:///path/docker.sock (env PORTAL_DOCKER; default unix:///var/run/docker.sock).",
    };

    public static readonly Option<string> Host = new("--host")
    {
        Description = "The host's name (env PORTAL_HOST). snapshot/execute: written into the snapshot, default the machine's name. " +
                      "run: optional; the server names the host after the token, and a name given here must match it.",
    };

    public static readonly Option<bool> Verbose = new("--verbose") { Description = "Log at debug level." };

    public static readonly Option<string> Server = new("--server")
    {
        Description = "The portal server, https://... (plain http:// only to loopback or with --allow-insecure-http).",
    };

    public static readonly Option<string> Token = new("--token")
    {
        Description = "The host's agent token (prefer --token-file or env PORTAL_AGENT_TOKEN: it then stays out of the process list).",
    };

    public static readonly Option<string> TokenFile = new("--token-file") { Description = "A file holding the agent token." };

    public static readonly Option<string> State = new("--state")
    {
        Description = "The agent's state folder (env PORTAL_AGENT_STATE; default /var/lib/portal-agent/<host>).",
    };

    public static readonly Option<string> CaFile = new("--ca-file")
    {
        Description = "CA certificates (PEM or DER) trusted for the https:// server besides the system's store.",
    };

    public static readonly Option<bool> AllowInsecureHttp = new("--allow-insecure-http")
    {
        Description = "Allow a plain http:// server on another machine (a network you trust: the lab, a demo).",
    };

    public static readonly Option<double> CountersInterval = new("--counters-interval")
    {
        Description = "Seconds between reads of the rule counters (iptables-save -c), sent when they moved; 0 turns counters off (env PORTAL_COUNTERS_INTERVAL; default 2).",
        DefaultValueFactory = _ => 2,
    };

    public static readonly Option<FileInfo> Rules = new("--rules")
    {
        Description = "analyze: the output of iptables-save on the Docker host.",
        Required = true,
    };

    public static readonly Option<FileInfo> Rules6 = new("--rules6") { Description = "analyze: the output of ip6tables-save (optional)." };

    public static readonly Option<FileInfo> Containers = new("--containers")
    {
        Description = "analyze: the output of docker inspect $(docker ps -aq).",
        Required = true,
    };

    public static readonly Option<FileInfo> Networks = new("--networks")
    {
        Description = "analyze: the output of docker network inspect $(docker network ls -q).",
        Required = true,
    };

    /// <summary>The root command; a fresh tree each call, because a symbol belongs to one parent command.</summary>
    public static RootCommand Create()
    {
        var run = new Command("run", "Connect to the portal server and keep this host's state and rules in sync.")
        {
            Server, Token, TokenFile, Docker, Host, State, CaFile, AllowInsecureHttp, CountersInterval, Verbose,
        };
        var snapshot = new Command("snapshot", "Read this host once and print its snapshot as JSON on stdout.") { Docker, Host, Verbose };
        var execute = new Command("execute", "Apply one AgentCommandEnvelope (JSON on stdin) as run would; print the result as JSON.")
        {
            Docker, Host, Verbose,
        };
        var analyze = new Command("analyze", "Analyze a capture offline (no root, no Docker, no server): print every rule with its owner, and the findings, as JSON.")
        {
            Rules, Rules6, Containers, Networks,
        };
        return new RootCommand("Docker Network Portal agent: observes one Docker host and applies the portal's commands.")
        {
            run, snapshot, execute, analyze,
        };
    }
}
