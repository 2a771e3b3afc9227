using System.Net;

namespace Portal.Core.Flows;

/// <summary>
/// One conntrack event as the kernel announced it: a connection created (<see cref="New"/>) or destroyed. The sender is
/// the original direction's source; the receiver is the reply direction's source, so that after Docker's DNAT of a
/// published port it is the container's address and port, not the host's.
/// </summary>
public readonly record struct ConntrackEvent(
    bool New,
    string Proto,
    IPAddress Sender,
    IPAddress Receiver,
    int ReceiverPort);
