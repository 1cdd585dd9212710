namespace Slurp.Domain.Context;

/// <summary>
/// Provenance of a resolution (the API's <c>inherited_from</c>): for every resolved value, the source address
/// of the node that supplied it, the target node's own values included. Dictionaries enumerate in the order
/// of the resolved lists and compare keys ordinally.
/// </summary>
/// <param name="Summary">Source of the resolved summary; null when no summary was resolved.</param>
/// <param name="Purpose">Source of the resolved purpose; null when no purpose was resolved.</param>
/// <param name="Technologies">Resolved technology → source address.</param>
/// <param name="Tags">Resolved tag → source address.</param>
/// <param name="Insights">Resolved insight → source address (the nearest node that states it).</param>
public sealed record InheritedFrom(
    string? Summary,
    string? Purpose,
    IReadOnlyDictionary<string, string> Technologies,
    IReadOnlyDictionary<string, string> Tags,
    IReadOnlyDictionary<string, string> Insights)
{
    /// <summary>Structural equality, including enumeration order (records compare dictionaries by reference).</summary>
    public bool ContentEquals(InheritedFrom? other) =>
        other is not null
        && Summary == other.Summary
        && Purpose == other.Purpose
        && Technologies.SequenceEqual(other.Technologies)
        && Tags.SequenceEqual(other.Tags)
        && Insights.SequenceEqual(other.Insights);
}
