namespace Portal.Core.Reachability;

/// <summary>
/// The targets that change what later rules see without deciding anything: MARK and CONNMARK (as the kernel computes
/// them), NOTRACK and CT (the packet becomes UNTRACKED with <c>--notrack</c>). False for options it does not know.
/// </summary>
internal static class PacketMarks
{
    public static bool Apply(CompiledRule rule, Packet packet)
    {
        var options = rule.Rule.TargetOptions.ToList();
        switch (rule.Target)
        {
            case TargetKind.NoTrack:
                packet.Untracked = true;
                return true;
            case TargetKind.ConnectionTracking:
                if (options.Any(o => o.Name == "--notrack"))
                {
                    packet.Untracked = true;
                }

                // Zones, helpers, timeouts and event masks do not change the first packet's state.
                return true;
            case TargetKind.Mark when options.Count == 1:
                if (Changed(options[0].Name, options[0].Value, packet.Mark) is not { } mark)
                {
                    return false;
                }

                packet.Mark = mark;
                return true;
            case TargetKind.ConnectionMark:
                return ConnectionMark(options, packet);
            default:
                return false;
        }
    }

    private static bool ConnectionMark(List<Iptables.RuleOption> options, Packet packet)
    {
        uint nfmask = uint.MaxValue;
        uint ctmask = uint.MaxValue;
        foreach (var option in options)
        {
            if (option.Name == "--nfmask" && !CompiledRule.TryMark(option.Value, out nfmask, out _))
            {
                return false;
            }

            if (option.Name == "--ctmask" && !CompiledRule.TryMark(option.Value, out ctmask, out _))
            {
                return false;
            }

            if (option.Name == "--mask" && CompiledRule.TryMark(option.Value, out var both, out _))
            {
                nfmask = ctmask = both;
            }
        }

        var action = options.FirstOrDefault(o => o.Name is not ("--nfmask" or "--ctmask" or "--mask"));
        switch (action?.Name)
        {
            case "--save-mark":
                packet.ConnectionMark = (packet.ConnectionMark & ~ctmask) ^ (packet.Mark & nfmask);
                return true;
            case "--restore-mark":
                packet.Mark = (packet.Mark & ~nfmask) ^ (packet.ConnectionMark & ctmask);
                return true;
            case { } other when Changed(other, action.Value, packet.ConnectionMark) is { } mark:
                packet.ConnectionMark = mark;
                return true;
            default:
                return false;
        }
    }

    private static uint? Changed(string name, string? value, uint current)
    {
        if (!CompiledRule.TryMark(value, out var bits, out var mask))
        {
            return null;
        }

        return name switch
        {
            "--set-xmark" => (current & ~mask) ^ bits,
            "--set-mark" => (current & ~mask) | bits,
            "--and-mark" => current & bits,
            "--or-mark" => current | bits,
            "--xor-mark" => current ^ bits,
            _ => null,
        };
    }
}
