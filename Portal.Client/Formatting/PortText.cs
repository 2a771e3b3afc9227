using Portal.Contracts.Model;

namespace Portal.Client.Formatting;

public static class PortText
{
    /// <summary>"0.0.0.0:8080 -> 80/tcp", or "80/tcp" when the port is not published on the host.</summary>
    public static string Describe(PortBinding port)
    {
        var containerSide = $"{port.ContainerPort}/{port.Protocol}";
        if (port.HostPort is null)
        {
            return containerSide;
        }

        var hostIp = string.IsNullOrEmpty(port.HostIp) ? "0.0.0.0" : port.HostIp;
        return $"{hostIp}:{port.HostPort} -> {containerSide}";
    }
}
