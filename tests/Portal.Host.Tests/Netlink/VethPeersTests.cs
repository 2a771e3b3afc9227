using Portal.Host.Netlink;

namespace Portal.Host.Tests.Netlink;

public sealed class VethPeersTests
{
    [Fact]
    public void Find_BothEndsPointAtEachOther_ThatContainer()
    {
        var hostVeth = new KernelLink(24, "veth3c58248", "veth", 3, 23, 0, 1500, null);
        var containers = new Dictionary<string, IReadOnlyList<KernelLink>>
        {
            // Another namespace reuses ifindex 23 but its eth0 points at a different host veth.
            ["other"] = [new KernelLink(23, "eth0", "veth", null, 30, 0, 1500, null)],
            ["client"] = [new KernelLink(1, "lo", null, null, null, null, 65536, null), new KernelLink(23, "eth0", "veth", null, 24, 0, 1500, null)],
        };

        Assert.Equal(("client", "eth0"), VethPeers.Find(hostVeth, containers));
    }

    [Fact]
    public void Find_NoPeer_Null() =>
        Assert.Null(VethPeers.Find(new KernelLink(5, "veth0", "veth", 3, 4, 0, 1500, null), new Dictionary<string, IReadOnlyList<KernelLink>>()));
}
