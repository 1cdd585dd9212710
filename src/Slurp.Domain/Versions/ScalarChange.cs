namespace Slurp.Domain.Versions;

/// <summary>A scalar field that holds a value in both versions, with different values (<c>{ "from", "to" }</c>).</summary>
/// <param name="From">The value in the older version.</param>
/// <param name="To">The value in the newer version.</param>
public sealed record ScalarChange(string From, string To);
