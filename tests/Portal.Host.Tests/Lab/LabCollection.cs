using Portal.Lab;

namespace Portal.Host.Tests;

/// <summary>Tests that use the shared lab; the fixture starts it when it is not up.</summary>
[CollectionDefinition(Name)]
public sealed class LabCollection : ICollectionFixture<LabFixture>
{
    public const string Name = "lab";
}
