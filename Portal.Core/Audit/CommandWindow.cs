using Portal.Contracts.Model;

namespace Portal.Core.Audit;

/// <summary>
/// A portal command being applied (or just applied): changes in its window that its plan predicts, or that belong to
/// the containers it touches, are the portal's, with the intent and the user who asked.
/// </summary>
public sealed record CommandWindow(
    long Intent,
    string? User,
    DateTimeOffset Started,
    DateTimeOffset? Finished,
    IReadOnlySet<string> Containers,
    IReadOnlySet<string> PredictedRules);
