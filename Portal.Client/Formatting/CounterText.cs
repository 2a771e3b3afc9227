using System.Globalization;

namespace Portal.Client.Formatting;

/// <summary>Counts for people: packets in thousands and millions (1.2k, 3.4M), bytes in binary units (3.4 MiB).</summary>
public static class CounterText
{
    private static readonly string[] PacketUnits = ["", "k", "M", "G", "T", "P", "E"];
    private static readonly string[] ByteUnits = [" B", " KiB", " MiB", " GiB", " TiB", " PiB", " EiB"];

    public static string Packets(long packets) => Scaled(packets, 1000, PacketUnits);

    public static string Bytes(long bytes) => Scaled(bytes, 1024, ByteUnits);

    private static string Scaled(long value, double step, string[] units)
    {
        if (value < step)
        {
            return value.ToString(CultureInfo.InvariantCulture) + units[0];
        }

        var scaled = (double)value;
        var unit = 0;
        while (scaled >= step && unit < units.Length - 1)
        {
            scaled /= step;
            unit++;
        }

        // One decimal below ten (1.2k), none above (34k, 512 MiB); a rounding that reaches the step moves up a unit.
        var text = scaled < 9.95 ? scaled.ToString("0.0", CultureInfo.InvariantCulture) : Math.Round(scaled).ToString("0", CultureInfo.InvariantCulture);
        if (text == step.ToString(CultureInfo.InvariantCulture) && unit < units.Length - 1)
        {
            return "1.0" + units[unit + 1];
        }

        return text + units[unit];
    }
}
