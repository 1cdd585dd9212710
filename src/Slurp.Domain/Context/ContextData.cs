namespace Slurp.Domain.Context;

/// <summary>
/// The user-visible content of one context layer (the seed's <c>context_data</c>).
/// Lists keep the caller's order; a technology or tag written as <c>!value</c> removes an inherited value.
/// </summary>
public sealed record ContextData
{
    /// <summary>An empty layer: nothing defined, nothing added.</summary>
    public static ContextData Empty { get; } = new();

    public string? Summary { get; init; }
    public string? Purpose { get; init; }
    public IReadOnlyList<string> Technologies { get; init; } = [];
    public IReadOnlyList<string> Tags { get; init; } = [];
    public IReadOnlyList<string> Insights { get; init; } = [];

    /// <summary>True when the layer defines nothing at all.</summary>
    public bool IsEmpty =>
        Summary is null && Purpose is null && Technologies.Count == 0 && Tags.Count == 0 && Insights.Count == 0;

    /// <summary>Structural equality of the content (records compare lists by reference).</summary>
    public bool ContentEquals(ContextData? other) =>
        other is not null
        && Summary == other.Summary
        && Purpose == other.Purpose
        && Technologies.SequenceEqual(other.Technologies)
        && Tags.SequenceEqual(other.Tags)
        && Insights.SequenceEqual(other.Insights);
}
