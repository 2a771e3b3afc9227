namespace Portal.Client.Formatting;

/// <summary>
/// One drawn edge: every flow edge between the same two nodes in the same direction, summed. Drawn as a quadratic
/// curve <see cref="Start"/> to <see cref="End"/> bent through <see cref="Control"/> (so the two directions between a
/// pair never overlap), <see cref="Width"/> by count, lit while <see cref="LitAt"/> is recent.
/// </summary>
public sealed record FlowLine(
    string FromNode,
    string ToNode,
    long Count,
    double Width,
    IReadOnlyList<string> Ports,
    DateTimeOffset? LitAt,
    FlowPoint Start,
    FlowPoint Control,
    FlowPoint End)
{
    public string Id => $"{FromNode}->{ToNode}";

    /// <summary>The SVG path: "M x y Q cx cy ex ey".</summary>
    public string Path => string.Create(
        System.Globalization.CultureInfo.InvariantCulture,
        $"M {Start.X:0.#} {Start.Y:0.#} Q {Control.X:0.#} {Control.Y:0.#} {End.X:0.#} {End.Y:0.#}");
}
