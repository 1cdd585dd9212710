using Slurp.Abstractions.Seal;

namespace Slurp.Grains.Seal;

/// <summary>Persisted seal configuration.</summary>
[GenerateSerializer, Alias("slurp.SealConfigState")]
public sealed class SealConfigState
{
    [Id(0)] public SealConfig? Config { get; set; }
}
