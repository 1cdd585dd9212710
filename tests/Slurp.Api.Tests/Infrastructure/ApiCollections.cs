namespace Slurp.Api.Tests.Infrastructure;

/// <summary>The tests that share one host with the default configuration.</summary>
[CollectionDefinition(Name)]
public sealed class ApiCollection : ICollectionFixture<SlurpApiFactory>
{
    public const string Name = "api";
}

/// <summary>The tests that need a host with a small request body limit.</summary>
[CollectionDefinition(Name)]
public sealed class SmallBodyLimitCollection : ICollectionFixture<SmallBodyLimitFactory>
{
    public const string Name = "small-body-limit";
}
