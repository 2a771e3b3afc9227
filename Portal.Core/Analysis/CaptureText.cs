namespace Portal.Core.Analysis;

/// <summary>One captured file: <see cref="Name"/> is what errors call it (the path given, or the page's field).</summary>
public sealed record CaptureText(string Name, string Text);
