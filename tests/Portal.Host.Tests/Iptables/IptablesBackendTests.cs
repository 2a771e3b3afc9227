using Portal.Host.Iptables;

namespace Portal.Host.Tests.Iptables;

public sealed class IptablesBackendTests
{
    private const string NftVersion = "iptables v1.8.9 (nf_tables)";
    private const string LegacyVersion = "iptables v1.8.9 (legacy)";

    private const string WithDocker = "*filter\n:INPUT ACCEPT [0:0]\n:FORWARD DROP [0:0]\n:DOCKER - [0:0]\n-A FORWARD -o docker0 -j DOCKER\nCOMMIT\n";
    private const string WithoutDocker = "*filter\n:INPUT ACCEPT [0:0]\n:FORWARD ACCEPT [0:0]\n:f2b-sshd - [0:0]\nCOMMIT\n";

    // What iptables-nft-save prints in a namespace whose rules all live in the legacy backend.
    private const string OnlyLegacyWarning = "# Warning: iptables-legacy tables present, use iptables-legacy-save to see them\n";

    [Fact]
    public void Choose_DockerChainOnlyInLegacy_LegacyEvenWhenIptablesSaysNfTables()
    {
        var backend = IptablesBackend.Choose(OnlyLegacyWarning, WithDocker, NftVersion);

        Assert.Equal((IptablesBackend.Legacy, "iptables-legacy-save", "ip6tables-legacy-save"), (backend.Name, backend.SaveProgram, backend.Save6Program));
        Assert.False(backend.IsNfTables);
        Assert.Equal("iptables-legacy-restore", IptablesBackend.RestoreOf(backend.SaveProgram));
    }

    [Fact]
    public void Choose_DockerChainInNftAndOtherRulesInLegacy_NfTables()
    {
        var backend = IptablesBackend.Choose(WithDocker, WithoutDocker, LegacyVersion);

        Assert.Equal((IptablesBackend.NfTables, "iptables-nft-save"), (backend.Name, backend.SaveProgram));
        Assert.Equal("iptables-nft-restore", IptablesBackend.RestoreOf(backend.SaveProgram));
    }

    [Theory]
    [InlineData(NftVersion, IptablesBackend.NfTables)]
    [InlineData(LegacyVersion, IptablesBackend.Legacy)]
    public void Choose_NoDockerChainAnywhere_TheOneIptablesVersionNames(string version, string expected)
    {
        var backend = IptablesBackend.Choose(WithoutDocker, null, version);

        Assert.Equal((expected, "iptables-save", "ip6tables-save"), (backend.Name, backend.SaveProgram, backend.Save6Program));
    }

    [Fact]
    public void Choose_DockerChainInBoth_TheOneIptablesVersionNames()
    {
        Assert.Equal(IptablesBackend.Legacy, IptablesBackend.Choose(WithDocker, WithDocker, LegacyVersion).Name);
        Assert.Equal(IptablesBackend.NfTables, IptablesBackend.Choose(WithDocker, WithDocker, NftVersion).Name);
    }

    [Fact]
    public void HoldsDocker_OnlyTheDockerChainItself_NotDockerUserAlone()
    {
        Assert.True(IptablesBackend.HoldsDocker(WithDocker));
        Assert.False(IptablesBackend.HoldsDocker("*filter\n:DOCKER-USER - [0:0]\nCOMMIT\n"));
        Assert.False(IptablesBackend.HoldsDocker(OnlyLegacyWarning));
    }

    [Fact]
    public void NftablesHoldsDocker_DockerBridgesTableListed()
    {
        Assert.True(IptablesBackend.NftablesHoldsDocker("table inet filter\ntable ip docker-bridges\ntable ip6 docker-bridges\n"));
        Assert.False(IptablesBackend.NftablesHoldsDocker("table ip filter\ntable ip nat\n"));
        Assert.False(IptablesBackend.NftablesHoldsDocker(null));
        Assert.Equal(("nftables", "nft", null), (IptablesBackend.NftablesProgram.Name, IptablesBackend.NftablesProgram.SaveProgram, IptablesBackend.NftablesProgram.Save6Program));
    }
}
