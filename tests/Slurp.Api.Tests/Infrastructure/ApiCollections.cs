namespace Slurp.Api.Tests.Infrastructure;

/// <summary>The tests that share one host with the default configuration.</summary>
[CollectionDefinition(Name)]
public sealed class ApiCollection : ICollectionFixture<SlurpApiFactory>
{
    public const string Name = "api";
}

/// <summary>The tests of a host whose ancestor cache is switched off.</summary>
[CollectionDefinition(Name)]
public sealed class NoAncestorCacheCollection : ICollectionFixture<NoAncestorCacheFactory>
{
    public const string Name = "no-ancestor-cache";
}

/// <summary>The tests of a host that serves no metrics.</summary>
[CollectionDefinition(Name)]
public sealed class NoMetricsCollection : ICollectionFixture<NoMetricsFactory>
{
    public const string Name = "no-metrics";
}

/// <summary>The tests that need a host with a small request body limit.</summary>
[CollectionDefinition(Name)]
public sealed class SmallBodyLimitCollection : ICollectionFixture<SmallBodyLimitFactory>
{
    public const string Name = "small-body-limit";
}

/// <summary>The tests that share one shamir-mode host that is never initialized (they change nothing).</summary>
[CollectionDefinition(Name)]
public sealed class UninitializedShamirCollection : ICollectionFixture<ShamirSealFactory>
{
    public const string Name = "shamir-uninitialized";
}

/// <summary>The tests that rotate role keys, on a host that re-wraps soon after a rotation.</summary>
[CollectionDefinition(Name)]
public sealed class KeyRotationCollection : ICollectionFixture<QuickRewrapFactory>
{
    public const string Name = "key-rotation";
}

/// <summary>The tests that switch the audit sink off, on a host of their own.</summary>
[CollectionDefinition(Name)]
public sealed class FailingAuditCollection : ICollectionFixture<SwitchableAuditFactory>
{
    public const string Name = "failing-audit";
}

/// <summary>The test that tampers with the audit table, on a host of its own (its chain stays broken).</summary>
[CollectionDefinition(Name)]
public sealed class AuditTamperCollection : ICollectionFixture<AuditTamperFactory>
{
    public const string Name = "audit-tamper";
}
