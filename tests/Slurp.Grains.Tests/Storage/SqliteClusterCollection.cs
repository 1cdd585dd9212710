namespace Slurp.Grains.Tests.Storage;

/// <summary>The tests that share <see cref="SqliteClusterFixture"/>.</summary>
[CollectionDefinition(Name)]
public sealed class SqliteClusterCollection : ICollectionFixture<SqliteClusterFixture>
{
    public const string Name = "sqlite-cluster";
}
