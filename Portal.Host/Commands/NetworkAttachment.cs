using Docker.DotNet.Models;

namespace Portal.Host.Commands;

/// <summary>A network a recreated container is connected to after create (API 1.41 creates with one network only).</summary>
public sealed record NetworkAttachment(string Network, EndpointSettings Endpoint);
