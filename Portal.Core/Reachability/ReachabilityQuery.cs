using Portal.Contracts.Reachability;

namespace Portal.Core.Reachability;

/// <summary>One question: can a first packet (conntrack NEW) from <see cref="From"/> reach <see cref="To"/> on <see cref="Port"/>?</summary>
public sealed record ReachabilityQuery(PacketSource From, PacketTarget To, int Port, TransportProtocol Protocol);
