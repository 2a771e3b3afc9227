namespace Portal.Client.Formatting;

/// <summary>
/// One drawn edge: every flow edge between the same two nodes in the same direction, summed. Drawn as a cubic curve
/// <see cref="Start"/> to <see cref="End"/> through <see cref="Control1"/> and <see cref="Control2"/> (rightward above,
/// leftward below, so the two directions between a pair never overlap), <see cref="Width"/> by count, lit while
/// <see cref="LitAt"/> is recent.
/// </summary>
public sealed record FlowLine(
    string FromNode,
    string ToNode,
    long Count,
    double Width,
    IReadOnlyList<string> Ports,
    DateTimeOffset? LitAt,
    FlowPoint Start,
    FlowPoint Control1,
    FlowPoint Control2,
    FlowPoint End)
{
    public string Id => $"{FromNode}->{ToNode}";

    /// <summary>The SVG path: "M x y C c1x c1y c2x c2y ex ey".</summary>
    public string Path => string.Create(
        System.Globalization.CultureInfo.InvariantCulture,
        $"M {Start.X:0.#} {Start.Y:0.#} C {Control1.X:0.#} {Control1.Y:0.#} {Control2.X:0.#} {Control2.Y:0.#} {End.X:0.#} {End.Y:0.#}");
}
