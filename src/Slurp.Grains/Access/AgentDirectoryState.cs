using Slurp.Abstractions.Access;

namespace Slurp.Grains.Access;

/// <summary>Persisted agents, by id.</summary>
[GenerateSerializer, Alias("slurp.AgentDirectoryState")]
public sealed class AgentDirectoryState
{
    [Id(0)] public Dictionary<string, AgentRecord> Agents { get; set; } = [];
}
