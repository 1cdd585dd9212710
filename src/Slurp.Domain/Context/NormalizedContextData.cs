namespace Slurp.Domain.Context;

/// <summary>The outcome of <see cref="ContextDataNormalizer.Normalize"/>.</summary>
/// <param name="Data">The submission without duplicate list items; store it only when <see cref="IsValid"/>.</param>
/// <param name="Errors">Every problem found, in field order; empty when the submission is valid.</param>
public sealed record NormalizedContextData(ContextData Data, IReadOnlyList<ContextDataError> Errors)
{
    /// <summary>True when no problem was found.</summary>
    public bool IsValid => Errors.Count == 0;
}
