namespace Slurp.Grains.Context;

/// <summary>Persisted "project/task" pairs.</summary>
[GenerateSerializer, Alias("slurp.ProjectDirectoryState")]
public sealed class ProjectDirectoryState
{
    [Id(0)] public List<string> Projects { get; set; } = [];
}
