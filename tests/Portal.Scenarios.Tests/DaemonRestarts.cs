namespace Portal.Scenarios.Tests;

/// <summary>
/// Scenarios that restart a lab daemon or the portal itself run alone: nothing else in this assembly runs meanwhile.
/// </summary>
[CollectionDefinition(nameof(DaemonRestarts), DisableParallelization = true)]
public sealed class DaemonRestarts;
