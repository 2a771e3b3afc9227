namespace Portal.Client.Analysis;

/// <summary>One of the files the "Analyze a capture" page takes: its field, the command that makes it, and whether it is needed.</summary>
public sealed record CaptureField(string Key, string Label, string Command, bool Required)
{
    /// <summary>The largest file the page reads from an upload (a 50,000-rule iptables-save is about 5 MB).</summary>
    public const long MaxUploadBytes = 32 * 1024 * 1024;

    public static readonly CaptureField Rules = new("rules", "iptables-save", "iptables-save", true);

    public static readonly CaptureField Rules6 = new("rules6", "ip6tables-save", "ip6tables-save (optional)", false);

    public static readonly CaptureField Containers = new("containers", "docker inspect", "docker inspect $(docker ps -aq)", true);

    public static readonly CaptureField Networks = new("networks", "docker network inspect", "docker network inspect $(docker network ls -q)", true);

    public static readonly IReadOnlyList<CaptureField> All = [Rules, Rules6, Containers, Networks];
}
