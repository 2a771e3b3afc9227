using System.CommandLine;

namespace Portal.Host.Cli;

/// <summary>
/// Parses <c>snapshot|run --docker unix:///path [--host NAME] [--server URL] [--token T | --token-file PATH] [--state DIR]</c>.
/// <c>run</c> needs no host name (the server takes it from the token); <c>--host</c> or env PORTAL_HOST, when given,
/// must be the token's host. <c>snapshot</c> names the host <c>--host</c>, env PORTAL_HOST, else the machine's name.
/// The token falls back to env PORTAL_AGENT_TOKEN, so that it need not appear in the process list; the state folder
/// to env PORTAL_AGENT_STATE, then /var/lib/portal-agent/&lt;the host the server confirms&gt;; <c>--counters-interval</c> to
/// env PORTAL_COUNTERS_INTERVAL, then 2 seconds.
/// </summary>
public static class OptionParser
{
    public const string Usage = """
        usage:
          Portal.Host snapshot --docker unix:///path/docker.sock [--host NAME]
          Portal.Host execute --docker unix:///path/docker.sock [--host NAME] < command.json
          Portal.Host analyze --rules iptables-save.txt [--rules6 ip6tables-save.txt] --containers inspect.json --networks networks.json
          Portal.Host run --server URL (--token-file PATH | env PORTAL_AGENT_TOKEN | --token TOKEN) --docker unix:///path/docker.sock
                          [--ca-file PATH] [--allow-insecure-http] [--state DIR] [--host NAME] [--counters-interval SECONDS]
        --server https://... is checked against the system's CA store, plus the CA certificates of --ca-file (PEM or DER).
        --server http://... is refused unless it is loopback or --allow-insecure-http is given.
        Portal.Host COMMAND --help describes each option.
        """;

    /// <summary>Parses and checks <paramref name="args"/>; a wrong command line throws <see cref="UsageException"/>.</summary>
    public static AgentOptions Parse(IReadOnlyList<string> args, Func<string, string?> environment) =>
        Bind(AgentCommandLine.Create().Parse(args), environment);

    /// <summary>The options of an already parsed command line, with the environment fallbacks, checked.</summary>
    public static AgentOptions Bind(ParseResult parsed, Func<string, string?> environment)
    {
        if (parsed.Errors.Count > 0)
        {
            throw new UsageException(string.Join("; ", parsed.Errors.Select(e => e.Message)));
        }

        if (parsed.CommandResult.Command is RootCommand)
        {
            throw new UsageException("expected a command: run, snapshot, execute or analyze");
        }

        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var option in new[]
                 {
                     AgentCommandLine.Docker, AgentCommandLine.Host, AgentCommandLine.Server, AgentCommandLine.Token,
                     AgentCommandLine.TokenFile, AgentCommandLine.State, AgentCommandLine.CaFile,
                 })
        {
            if (parsed.GetResult(option) is not null && parsed.GetValue(option) is { } value)
            {
                values[option.Name] = value;
            }
        }

        var verbose = parsed.GetValue(AgentCommandLine.Verbose);
        var allowInsecureHttp = parsed.GetValue(AgentCommandLine.AllowInsecureHttp);
        var command = parsed.CommandResult.Command.Name;
        var docker = values.GetValueOrDefault("--docker") ?? environment("PORTAL_DOCKER") ?? "unix:///var/run/docker.sock";
        if (!Uri.TryCreate(docker, UriKind.Absolute, out var dockerUri) || dockerUri.Scheme != "unix")
        {
            throw new UsageException($"--docker must be unix:///path/docker.sock, got {docker}");
        }

        var host = values.GetValueOrDefault("--host") ?? environment("PORTAL_HOST");
        Uri? server = null;
        string? token = null;
        string? state = null;
        Agent.ServerTrust? trust = null;
        if (command != "run")
        {
            host ??= Environment.MachineName;
        }
        else
        {
            state = values.GetValueOrDefault("--state") ?? environment("PORTAL_AGENT_STATE");
            var serverText = values.GetValueOrDefault("--server") ?? throw new UsageException("run needs --server URL");
            if (!Uri.TryCreate(serverText, UriKind.Absolute, out server) || server.Scheme is not ("http" or "https"))
            {
                throw new UsageException($"--server must be an http(s) URL, got {serverText}");
            }

            var caFile = values.GetValueOrDefault("--ca-file");
            if (ServerAddress.Check(server, allowInsecureHttp, caFile is not null) is { } refused)
            {
                throw new UsageException(refused);
            }

            trust = caFile is null ? null : LoadTrust(caFile);

            token = values.GetValueOrDefault("--token")
                ?? (values.TryGetValue("--token-file", out var file) ? ReadToken(file) : null)
                ?? environment("PORTAL_AGENT_TOKEN")
                ?? throw new UsageException("run needs a token: --token, --token-file or env PORTAL_AGENT_TOKEN");
        }

        var counters = command != "run" ? AgentOptions.DefaultCountersInterval.TotalSeconds
            : parsed.GetResult(AgentCommandLine.CountersInterval) is null or { Implicit: true } && environment("PORTAL_COUNTERS_INTERVAL") is { } fromEnvironment
                ? Seconds(fromEnvironment)
                : parsed.GetValue(AgentCommandLine.CountersInterval);
        if (!double.IsFinite(counters) || counters is < 0 or > 3600)
        {
            throw new UsageException($"--counters-interval must be seconds from 0 (off) to 3600, got {counters}");
        }

        return new AgentOptions(command, dockerUri, host, server, token, verbose, state, trust)
        {
            CountersInterval = TimeSpan.FromSeconds(counters),
        };
    }

    private static double Seconds(string text) =>
        double.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var seconds)
            ? seconds
            : throw new UsageException($"PORTAL_COUNTERS_INTERVAL must be seconds from 0 (off) to 3600, got {text}");

    private static Agent.ServerTrust LoadTrust(string path)
    {
        try
        {
            return Agent.ServerTrust.Load(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Security.Cryptography.CryptographicException)
        {
            throw new UsageException($"cannot read --ca-file {path}: {e.Message}");
        }
    }

    private static string ReadToken(string path)
    {
        try
        {
            return File.ReadAllText(path).Trim() is { Length: > 0 } token ? token : throw new UsageException($"--token-file {path} is empty");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"cannot read --token-file {path}: {e.Message}");
        }
    }
}
