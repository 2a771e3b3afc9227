namespace Portal.Core.RuleShapes;

/// <summary>How the placeholders a shape bound turn into an owner's names.</summary>
public enum OwnerResolver
{
    /// <summary>The owner is the kind alone (Docker's plumbing, DOCKER-USER, the portal's chains).</summary>
    None,

    /// <summary><c>{bridge}</c> (or <c>{subnet}</c>) names the bridge network.</summary>
    Bridge,

    /// <summary>A DNAT: <c>{hostPort}</c>/<c>{proto}</c> published to <c>{containerIp}:{port}</c> of a container.</summary>
    PublishedPortDnat,

    /// <summary>A rule about a container port (<c>{containerIp}</c>, <c>{port}</c>, <c>{proto}</c>): hairpin MASQUERADE or filter ACCEPT.</summary>
    PublishedPortContainer,

    /// <summary>A link pair's request rule: <c>{parentIp}</c> to <c>{childIp}:{port}</c>.</summary>
    LinkRequest,

    /// <summary>A link pair's reply rule: from <c>{childIp}:{port}</c> back to <c>{parentIp}</c>.</summary>
    LinkReply,

    /// <summary>A rule about a container's address (<c>{containerIp}</c> on <c>{bridge}</c>): Docker 28's raw-table drop.</summary>
    ContainerAddress,

    /// <summary>
    /// A rule about a published host port (<c>{hostIp}</c>, <c>{hostPort}</c>, <c>{proto}</c>) with no container address in
    /// it: Docker 28's raw-table drop for a port published on a loopback address. The container is the one publishing it.
    /// </summary>
    PublishedHostPort,
}
