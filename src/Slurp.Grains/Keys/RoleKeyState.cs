using Slurp.Abstractions.Keys;

namespace Slurp.Grains.Keys;

/// <summary>Persisted append-only changes of one role's key ring.</summary>
[GenerateSerializer, Alias("slurp.RoleKeyGrainState")]
public sealed class RoleKeyGrainState
{
    [Id(0)] public List<RoleKeyChangeRecord> Changes { get; set; } = [];
}
