namespace Portal.Contracts.Model;

/// <summary>
/// The policy (ACCEPT or DROP) of one built-in chain, as iptables-save declared it (<c>:FORWARD DROP [0:0]</c>): what
/// happens to a packet that falls off the end of that chain. Rules alone do not say it, and Docker sets FORWARD to DROP.
/// </summary>
public sealed record ChainPolicy(string Table, string Chain, string Policy);
