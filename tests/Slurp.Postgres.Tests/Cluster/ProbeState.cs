namespace Slurp.Postgres.Tests.Cluster;

/// <summary>The probe grain's persisted state.</summary>
[GenerateSerializer, Alias("slurp.tests.ProbeState")]
public sealed record ProbeState
{
    [Id(0)]
    public string Value { get; init; } = "";

    [Id(1)]
    public int Writes { get; init; }
}
