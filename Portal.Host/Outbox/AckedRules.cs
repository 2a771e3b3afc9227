using System.Globalization;

namespace Portal.Host.Outbox;

/// <summary>
/// The rules as of the last batch the server acknowledged (<see cref="Batch"/>; 0 before the first): iptables-save
/// text behind one header comment line, which iptables-save's own format (and the parser) ignores.
/// <see cref="At"/> is when it was saved; <see cref="DockerStarted"/> the start time of the dockerd seen then, so
/// that a daemon restarted while the agent was down is recognised.
/// </summary>
public sealed record AckedRules(long Batch, DateTimeOffset At, DateTimeOffset? DockerStarted, string Text)
{
    private const string Header = "# portal-agent acked";

    public string Render() =>
        $"{Header} batch={Batch} at={At.ToUnixTimeMilliseconds()} dockerd={DockerStarted?.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture) ?? "-"}\n{Text}";

    /// <summary>Null when the text is not a file this agent wrote (corrupt or truncated by hand).</summary>
    public static AckedRules? Parse(string content)
    {
        var newline = content.IndexOf('\n');
        if (newline < 0 || !content.StartsWith(Header, StringComparison.Ordinal))
        {
            return null;
        }

        long? batch = null;
        long? at = null;
        DateTimeOffset? dockerd = null;
        foreach (var field in content[Header.Length..newline].Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var (name, value) = field.IndexOf('=') is var eq and > 0 ? (field[..eq], field[(eq + 1)..]) : (field, string.Empty);
            switch (name)
            {
                case "batch" when long.TryParse(value, CultureInfo.InvariantCulture, out var b):
                    batch = b;
                    break;
                case "at" when long.TryParse(value, CultureInfo.InvariantCulture, out var a):
                    at = a;
                    break;
                case "dockerd" when long.TryParse(value, CultureInfo.InvariantCulture, out var d):
                    dockerd = DateTimeOffset.FromUnixTimeMilliseconds(d);
                    break;
            }
        }

        var text = content[(newline + 1)..];
        // iptables-save ends every table with COMMIT; a file cut short would lose rules silently.
        if (batch is null || at is null || (text.Length > 0 && !text.TrimEnd().EndsWith("COMMIT", StringComparison.Ordinal)))
        {
            return null;
        }

        return new AckedRules(batch.Value, DateTimeOffset.FromUnixTimeMilliseconds(at.Value), dockerd, text);
    }
}
