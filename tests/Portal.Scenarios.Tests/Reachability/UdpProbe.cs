using System.Diagnostics;
using Portal.Lab;

namespace Portal.Scenarios.Tests.Reachability;

/// <summary>
/// UDP ground truth. The lab image's busybox nc has no UDP mode, so a small Python program runs inside the container's
/// network namespace (nsenter -t PID -n): its packets leave through the container's own veth and cross the host's
/// rules exactly as the container's would. The server answers "hi" to every datagram; the probe sends one and waits.
/// </summary>
public static class UdpProbe
{
    private const string Python = "/usr/bin/python3";

    private const string Script = """
        import socket, sys
        s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        if sys.argv[1] == "serve":
            s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            s.bind(("0.0.0.0", int(sys.argv[2])))
            while True:
                data, peer = s.recvfrom(2048)
                s.sendto(b"hi\n", peer)
        else:
            s.settimeout(2.0)
            s.sendto(b"ping\n", (sys.argv[2], int(sys.argv[3])))
            try:
                print(s.recvfrom(2048)[0].decode().strip())
            except OSError:
                print("no answer")
        """;

    /// <summary>Starts a UDP server on <paramref name="port"/> in the container's network namespace; kill it when done.</summary>
    public static Process Serve(int pid, int port)
    {
        var start = new ProcessStartInfo("nsenter") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "-t", pid.ToString(System.Globalization.CultureInfo.InvariantCulture), "-n", Python, "-c", Script, "serve", port.ToString(System.Globalization.CultureInfo.InvariantCulture) })
        {
            start.ArgumentList.Add(argument);
        }

        return Process.Start(start)!;
    }

    /// <summary>True when a datagram from the namespace (a container's PID, or a lab host's namespace file) got its answer.</summary>
    public static async Task<bool> ReachesAsync(string[] enter, string address, int port, CancellationToken cancellationToken)
    {
        var result = await LabCommand.RunAsync("nsenter", [.. enter, Python, "-c", Script, "probe", address, port.ToString(System.Globalization.CultureInfo.InvariantCulture)], cancellationToken);
        return result.StandardOutput.Trim() == "hi";
    }
}
