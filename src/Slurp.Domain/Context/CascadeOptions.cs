namespace Slurp.Domain.Context;

/// <summary>Bounds of a cascade resolution.</summary>
/// <param name="MaxDepth">
/// How many ancestors above the node itself may contribute (0 = the node alone). When the chain is
/// longer, the nearest ancestors win the budget and farther ones contribute nothing. Must not be negative.
/// </param>
public sealed record CascadeOptions(int MaxDepth = CascadeOptions.DefaultMaxDepth)
{
    /// <summary>The default depth bound (DESIGN.md: "depth is bounded (config, default 32)").</summary>
    public const int DefaultMaxDepth = 32;

    /// <summary>Options with <see cref="DefaultMaxDepth"/>.</summary>
    public static CascadeOptions Default { get; } = new();
}
