using System.Net;
using System.Net.Sockets;
using System.Text;
using Portal.Lab;
using Portal.Scenarios.Tests.Changes;

namespace Portal.Scenarios.Tests.Addresses;

using Lab = Portal.Lab.Lab;

/// <summary>
/// Ground truth for public addresses, from the physical network (the lab's end of labphys0, 10.20.30.1, where this test
/// process runs) and from inside a lab host: TCP in to the address, the source address of a container's outbound
/// connection as a listener on the physical network sees it, <c>ip addr</c> and iptables-save in the host's namespace.
/// </summary>
public static class AddressLab
{
    public const string Interface = "eth0";

    /// <summary>What a TCP connect to address:port from the physical network answers ("hi" from the lab listeners).</summary>
    public static async Task<string> AnswerAsync(string address, int port, CancellationToken ct)
    {
        try
        {
            using var tcp = new TcpClient();
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(TimeSpan.FromSeconds(3));
            await tcp.ConnectAsync(IPAddress.Parse(address), port, timeout.Token);
            var buffer = new byte[64];
            var read = await tcp.GetStream().ReadAsync(buffer, timeout.Token);
            return Encoding.ASCII.GetString(buffer, 0, read).Trim();
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException or IOException)
        {
            return $"no answer from {address}:{port}: {e.Message}";
        }
    }

    /// <summary>
    /// The source address a listener on the physical network (10.20.30.1) sees when the container connects to it; null
    /// when no connection arrived.
    /// </summary>
    public static async Task<string?> OutboundSourceAsync(LabHost host, string container, CancellationToken ct)
    {
        using var listener = new TcpListener(IPAddress.Parse(Lab.PortalAddress), 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(5));
        var accept = listener.AcceptTcpClientAsync(timeout.Token).AsTask();
        var dial = host.TryDockerAsync(["exec", container, "sh", "-c", $"echo out | nc -w 2 {Lab.PortalAddress} {port}"], ct);
        try
        {
            using var client = await accept;
            return ((IPEndPoint)client.Client.RemoteEndPoint!).Address.ToString();
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return null;
        }
        finally
        {
            await dial;
        }
    }

    /// <summary>The IPv4 addresses of the host's eth0 (`ip -4 -o addr show dev eth0` in its namespace), e.g. "10.20.30.150/32".</summary>
    public static async Task<List<string>> InterfaceAddressesAsync(LabHost host, CancellationToken ct) =>
        [.. (await host.InNamespaceAsync("ip", ["-4", "-o", "addr", "show", "dev", Interface], ct))
            .Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Select(f => f[Array.IndexOf(f, "inet") + 1])];

    /// <summary>Every rule line of iptables-save (all tables) that names the address.</summary>
    public static async Task<List<string>> RulesNamingAsync(LabHost host, string address, CancellationToken ct) =>
        [.. (await host.IptablesSaveAsync(cancellationToken: ct)).Split('\n').Where(l => l.StartsWith("-A ", StringComparison.Ordinal) && l.Contains(address, StringComparison.Ordinal))];

    /// <summary>Inbound on a mapped port, outbound from the address, all within the poll (the reconciler may be at work).</summary>
    public static Task ExpectMappedAsync(LabHost host, string container, string address, int port, string when, CancellationToken ct) =>
        Poll.UntilAsync(
            async t => await AnswerAsync(address, port, t) == "hi" && await OutboundSourceAsync(host, container, t) == address,
            TimeSpan.FromSeconds(60),
            async () => $"{when}: {address}:{port} answers '{await AnswerAsync(address, port, ct)}', {container}'s outbound source is {await OutboundSourceAsync(host, container, ct) ?? "(none)"}; " +
                $"eth0 {string.Join(", ", await InterfaceAddressesAsync(host, ct))}; container at {await ChangeLab.AddressAsync(host, container, "bridge", ct)}; rules:\n{string.Join('\n', await RulesNamingAsync(host, address, ct))}",
            ct);

    /// <summary>Nothing of the mapping is left: the address is off eth0 and no rule names it.</summary>
    public static Task ExpectGoneAsync(LabHost host, string address, CancellationToken ct) =>
        Poll.UntilAsync(
            async t => !(await InterfaceAddressesAsync(host, t)).Contains($"{address}/32") && (await RulesNamingAsync(host, address, t)).Count == 0,
            TimeSpan.FromSeconds(20),
            async () => $"{address} gone from {host}: eth0 {string.Join(", ", await InterfaceAddressesAsync(host, ct))}; rules:\n{string.Join('\n', await RulesNamingAsync(host, address, ct))}",
            ct);
}
