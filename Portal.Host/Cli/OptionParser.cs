namespace Portal.Host.Cli;

/// <summary>
/// Parses <c>snapshot|run --docker unix:///path [--host NAME] [--server URL] [--token T | --token-file PATH] [--state DIR]</c>.
/// The host name falls back to env PORTAL_HOST, then the machine's name; the token to env PORTAL_AGENT_TOKEN, so
/// that it need not appear in the process list; the state folder to env PORTAL_AGENT_STATE, then
/// /var/lib/portal-agent/&lt;host&gt;.
/// </summary>
public static class OptionParser
{
    public const string Usage = """
        usage:
          Portal.Host snapshot --docker unix:///path/docker.sock [--host NAME]
          Portal.Host run --server URL (--token TOKEN | --token-file PATH | env PORTAL_AGENT_TOKEN) --docker unix:///path/docker.sock [--host NAME] [--state DIR]
        """;

    public static AgentOptions Parse(IReadOnlyList<string> args, Func<string, string?> environment)
    {
        if (args.Count == 0 || args[0] is not ("snapshot" or "run"))
        {
            throw new UsageException("expected a command: snapshot or run");
        }

        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var verbose = false;
        for (var i = 1; i < args.Count; i++)
        {
            var name = args[i];
            if (name == "--verbose")
            {
                verbose = true;
                continue;
            }

            if (name is not ("--docker" or "--host" or "--server" or "--token" or "--token-file" or "--state"))
            {
                throw new UsageException($"unknown option {name}");
            }

            if (i + 1 >= args.Count)
            {
                throw new UsageException($"{name} needs a value");
            }

            values[name] = args[++i];
        }

        var command = args[0];
        var docker = values.GetValueOrDefault("--docker") ?? environment("PORTAL_DOCKER") ?? "unix:///var/run/docker.sock";
        if (!Uri.TryCreate(docker, UriKind.Absolute, out var dockerUri) || dockerUri.Scheme != "unix")
        {
            throw new UsageException($"--docker must be unix:///path/docker.sock, got {docker}");
        }

        var host = values.GetValueOrDefault("--host") ?? environment("PORTAL_HOST") ?? Environment.MachineName;
        Uri? server = null;
        string? token = null;
        string? state = null;
        if (command == "run")
        {
            state = Outbox.StateFolder.Resolve(values.GetValueOrDefault("--state"), environment, host);
            var serverText = values.GetValueOrDefault("--server") ?? throw new UsageException("run needs --server URL");
            if (!Uri.TryCreate(serverText, UriKind.Absolute, out server) || server.Scheme is not ("http" or "https"))
            {
                throw new UsageException($"--server must be an http(s) URL, got {serverText}");
            }

            token = values.GetValueOrDefault("--token")
                ?? (values.TryGetValue("--token-file", out var file) ? ReadToken(file) : null)
                ?? environment("PORTAL_AGENT_TOKEN")
                ?? throw new UsageException("run needs a token: --token, --token-file or env PORTAL_AGENT_TOKEN");
        }

        return new AgentOptions(command, dockerUri, host, server, token, verbose, state);
    }

    private static string ReadToken(string path)
    {
        try
        {
            return File.ReadAllText(path).Trim();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"cannot read --token-file {path}: {e.Message}");
        }
    }
}
