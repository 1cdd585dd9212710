namespace Slurp.Abstractions.Context;

/// <summary>The wire and storage form of one layer's <c>context_data</c>.</summary>
[GenerateSerializer, Immutable, Alias("slurp.ContextContent")]
public sealed record ContextContent
{
    [Id(0)] public string? Summary { get; init; }
    [Id(1)] public string? Purpose { get; init; }
    [Id(2)] public string[] Technologies { get; init; } = [];
    [Id(3)] public string[] Tags { get; init; } = [];
    [Id(4)] public string[] Insights { get; init; } = [];
}
