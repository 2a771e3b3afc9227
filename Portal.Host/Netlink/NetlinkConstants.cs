namespace Portal.Host.Netlink;

/// <summary>rtnetlink numbers from linux/netlink.h, linux/rtnetlink.h and linux/if_link.h (Tmds.LibC has none).</summary>
public static class NetlinkConstants
{
    public const int NetlinkRoute = 0;
    public const int NetlinkNetfilter = 12;

    /// <summary>Group bits (1 &lt;&lt; (group - 1)) of NFNLGRP_CONNTRACK_NEW (1) and NFNLGRP_CONNTRACK_DESTROY (3).</summary>
    public const uint NfnlgrpConntrackNew = 0x1;
    public const uint NfnlgrpConntrackDestroy = 0x4;

    public const ushort NlmsgError = 2;
    public const ushort NlmsgDone = 3;

    public const ushort RtmNewLink = 16;
    public const ushort RtmDelLink = 17;
    public const ushort RtmGetLink = 18;
    public const ushort RtmNewAddr = 20;
    public const ushort RtmDelAddr = 21;
    public const ushort RtmGetAddr = 22;

    public const ushort NlmFRequest = 0x1;
    public const ushort NlmFDump = 0x300;
    public const ushort NlmFAck = 0x4;
    public const ushort NlmFExcl = 0x200;
    public const ushort NlmFCreate = 0x400;

    public const ushort IflaAddress = 1;
    public const ushort IflaIfname = 3;
    public const ushort IflaMtu = 4;
    public const ushort IflaLink = 5;
    public const ushort IflaMaster = 10;
    public const ushort IflaLinkinfo = 18;
    public const ushort IflaInfoKind = 1;
    public const ushort IflaLinkNetnsid = 37;

    public const ushort IfaAddress = 1;
    public const ushort IfaLocal = 2;
    public const ushort IfaProto = 11;

    public const uint RtmgrpLink = 0x1;
    public const uint RtmgrpIpv4Ifaddr = 0x10;

    public const int HeaderSize = 16;
    public const int IfinfomsgSize = 16;
    public const int IfaddrmsgSize = 8;

    /// <summary>Attribute types carry flag bits (NLA_F_NESTED, NLA_F_NET_BYTEORDER) above these.</summary>
    public const ushort AttributeTypeMask = 0x3fff;

    public static int Align(int length) => (length + 3) & ~3;
}
