using System.Net;
using Portal.Core.Flows;
using static Portal.Core.Tests.Flows.ConntrackCaptures;

namespace Portal.Core.Tests.Flows;

public sealed class ConntrackParserTests
{
    [Fact]
    public void Parse_NewBetweenContainers_SenderReceiverAndPort()
    {
        var e = Assert.Single(ConntrackParser.Parse(Bytes(NewContainerToContainer)));

        Assert.Equal(new ConntrackEvent(true, "tcp", IPAddress.Parse("172.18.0.3"), IPAddress.Parse("172.18.0.2"), 7000), e);
    }

    [Fact]
    public void Parse_NewToPublishedPort_ReceiverIsTheContainerAfterDnat()
    {
        var e = Assert.Single(ConntrackParser.Parse(Bytes(NewToPublishedPort)));

        // The client dialled 10.20.30.100:8081; Docker's DNAT sent it to 172.17.0.3:7001, which the reply tuple shows.
        Assert.Equal(new ConntrackEvent(true, "tcp", IPAddress.Parse("10.20.30.1"), IPAddress.Parse("172.17.0.3"), 7001), e);
    }

    [Fact]
    public void Parse_NewAndDestroyToOutside_BothReadDestroyNotNew()
    {
        var created = Assert.Single(ConntrackParser.Parse(Bytes(NewContainerToOutside)));
        var destroyed = Assert.Single(ConntrackParser.Parse(Bytes(DestroyContainerToOutside)));

        Assert.True(created.New);
        Assert.False(destroyed.New);
        Assert.Equal(created with { New = false }, destroyed);
        Assert.Equal((IPAddress.Parse("172.18.0.3"), IPAddress.Parse("10.20.30.1"), 9), (destroyed.Sender, destroyed.Receiver, destroyed.ReceiverPort));
    }

    [Fact]
    public void Parse_Udp_ProtoUdp()
    {
        var e = Assert.Single(ConntrackParser.Parse(Bytes(NewUdp)));

        Assert.Equal(new ConntrackEvent(true, "udp", IPAddress.Parse("172.18.0.3"), IPAddress.Parse("172.18.0.2"), 7002), e);
    }

    [Fact]
    public void Parse_Ipv6_Addresses()
    {
        var e = Assert.Single(ConntrackParser.Parse(Bytes(NewIpv6HostToContainer)));

        Assert.Equal(new ConntrackEvent(true, "tcp", IPAddress.Parse("fd00:3::1"), IPAddress.Parse("fd00:3::242:ac11:2"), 7003), e);
    }

    [Fact]
    public void Parse_TwoMessagesInOneDatagram_BothInOrder()
    {
        var datagram = Bytes(NewContainerToContainer).Concat(Bytes(DestroyContainerToContainer)).ToArray();

        var events = ConntrackParser.Parse(datagram);

        Assert.Equal([true, false], events.Select(e => e.New));
    }

    [Fact]
    public void Parse_Truncated_NoEventNoException()
    {
        var bytes = Bytes(NewContainerToContainer);

        for (var cut = 0; cut < bytes.Length; cut++)
        {
            Assert.Empty(ConntrackParser.Parse(bytes.AsSpan(0, cut)));
        }
    }

    [Fact]
    public void Parse_LengthFieldsCorrupted_NeverThrows()
    {
        var random = new Random(13);
        var bytes = Bytes(NewToPublishedPort);
        for (var i = 0; i < 2000; i++)
        {
            var copy = (byte[])bytes.Clone();
            copy[random.Next(copy.Length)] = (byte)random.Next(256);
            _ = ConntrackParser.Parse(copy);
        }
    }

    [Fact]
    public void Parse_OtherMessageType_Skipped()
    {
        var bytes = Bytes(NewContainerToContainer);
        bytes[4] = 1; // IPCTNL_MSG_CT_GET

        Assert.Empty(ConntrackParser.Parse(bytes));
    }
}
