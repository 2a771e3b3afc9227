namespace Portal.Scenarios.Tests;

/// <summary>
/// Tests that move a container to a new address on docker1's default bridge by letting fillers take its old one:
/// run one at a time, or one test's fillers take the address the other freed.
/// </summary>
[CollectionDefinition(nameof(DefaultBridgeAddresses))]
public sealed class DefaultBridgeAddresses;
