using System.Runtime.Versioning;

// The agent is Linux-only (netlink, namespaces, iptables); so are its tests.
[assembly: SupportedOSPlatform("linux")]
