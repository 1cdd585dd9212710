namespace Slurp.Cluster.Tests;

/// <summary>
/// Every test here runs a whole cluster of real silo processes against PostgreSQL. They run one after another:
/// two clusters probing each other with one-second timeouts on a 2-core machine would suspect healthy silos.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ClusterCollection
{
    public const string Name = "real silo cluster";
}
