using Portal.Host.Commands;

namespace Portal.Host.Tests.Commands;

/// <summary>The agent deletes on request only a link rule of filter DOCKER written exactly as iptables-save prints it.</summary>
public sealed class StaleLinkRuleTests
{
    [Theory]
    [InlineData("-A DOCKER -s 172.17.0.4/32 -d 172.17.0.2/32 -i docker0 -o docker0 -p tcp -m tcp --dport 9002 -j ACCEPT")]
    [InlineData("-A DOCKER -s 172.17.0.2/32 -d 172.17.0.4/32 -i docker0 -o docker0 -p udp -m udp --sport 53 -j ACCEPT")]
    [InlineData("-A DOCKER -s 172.30.0.2/32 -d 172.30.0.10/32 -i br-0123456789ab -o br-0123456789ab -p sctp -m sctp --dport 65535 -j ACCEPT")]
    public void IsLinkPairRule_LinkRulesAsDockerWritesThem_Accepted(string rule) =>
        Assert.True(StaleLinkRule.IsLinkPairRule(rule));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("-A DOCKER -j ACCEPT")]
    [InlineData("-A FORWARD -s 172.17.0.4/32 -d 172.17.0.2/32 -i docker0 -o docker0 -p tcp -m tcp --dport 80 -j ACCEPT")]
    [InlineData("-A DOCKER -d 172.17.0.2/32 ! -i docker0 -o docker0 -p tcp -m tcp --dport 80 -j ACCEPT")]
    [InlineData("-A DOCKER -s 172.17.0.4/32 -d 172.17.0.2/32 -i docker0 -o docker1 -p tcp -m tcp --dport 80 -j ACCEPT")]
    [InlineData("-A DOCKER -s 172.17.0.4/24 -d 172.17.0.2/32 -i docker0 -o docker0 -p tcp -m tcp --dport 80 -j ACCEPT")]
    [InlineData("-A DOCKER -s 172.17.0.400/32 -d 172.17.0.2/32 -i docker0 -o docker0 -p tcp -m tcp --dport 80 -j ACCEPT")]
    [InlineData("-A DOCKER -s 172.17.0.4/32 -d 172.17.0.2/32 -i docker0 -o docker0 -p tcp -m tcp --dport 0 -j ACCEPT")]
    [InlineData("-A DOCKER -s 172.17.0.4/32 -d 172.17.0.2/32 -i docker0 -o docker0 -p icmp -m icmp --dport 80 -j ACCEPT")]
    [InlineData("-A DOCKER -s 172.17.0.4/32 -d 172.17.0.2/32 -i averyverylongname -o averyverylongname -p tcp -m tcp --dport 80 -j ACCEPT")]
    [InlineData("-A DOCKER -s 172.17.0.4/32 -d 172.17.0.2/32 -i \"docker0\" -o docker0 -p tcp -m tcp --dport 80 -j ACCEPT")]
    [InlineData("-A DOCKER -s 172.17.0.4/32 -d 172.17.0.2/32 -i docker0 -o docker0 -p tcp -m tcp --dport 80 -j ACCEPT ")]
    [InlineData("-A DOCKER -s 172.17.0.4/32 -d 172.17.0.2/32 -i docker0 -o docker0 -p tcp -m tcp --dport 80 -j ACCEPT\n-A DOCKER -j DROP")]
    [InlineData("[1:60] -A DOCKER -s 172.17.0.4/32 -d 172.17.0.2/32 -i docker0 -o docker0 -p tcp -m tcp --dport 80 -j ACCEPT")]
    public void IsLinkPairRule_AnythingElse_Refused(string? rule) =>
        Assert.False(StaleLinkRule.IsLinkPairRule(rule));
}
