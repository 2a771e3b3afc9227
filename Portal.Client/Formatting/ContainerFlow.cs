namespace Portal.Client.Formatting;

/// <summary>
/// One line of a container's flows: <see cref="Outbound"/> when the container opened the connections, the
/// <see cref="Peer"/> at the other end (a container, <c>host</c> or <c>external:ADDRESS</c>) and the entry itself.
/// </summary>
public sealed record ContainerFlow(bool Outbound, string Peer, FlowEntry Entry)
{
    public string Direction => Outbound ? "out" : "in";
}
