namespace Slurp.Domain.Context;

/// <summary>The outcome of resolving a node through its ancestors for a set of reading roles.</summary>
/// <param name="Data">The resolved content; technologies and tags never contain a <c>!value</c> removal.</param>
/// <param name="InheritedFrom">The source address of every resolved value.</param>
/// <param name="InheritanceDepth">How many ancestors (not counting the node) supplied at least one resolved value.</param>
/// <param name="SpecificityScore">
/// The share of resolved values supplied by the node itself, in [0, 1], rounded to 4 decimals
/// (see <see cref="CascadeResolver.Resolve"/> for the formula).
/// </param>
/// <param name="HasReadableOwnLayer">True when the target node had at least one layer the roles may read.</param>
public sealed record ResolvedContext(
    ContextData Data,
    InheritedFrom InheritedFrom,
    int InheritanceDepth,
    double SpecificityScore,
    bool HasReadableOwnLayer)
{
    /// <summary>Structural equality of every member (records compare lists and dictionaries by reference).</summary>
    public bool ContentEquals(ResolvedContext? other) =>
        other is not null
        && Data.ContentEquals(other.Data)
        && InheritedFrom.ContentEquals(other.InheritedFrom)
        && InheritanceDepth == other.InheritanceDepth
        && SpecificityScore.Equals(other.SpecificityScore)
        && HasReadableOwnLayer == other.HasReadableOwnLayer;
}
