namespace Slurp.Domain.Security;

/// <summary>The result of <see cref="SecurityScore.Compute"/>.</summary>
/// <param name="Score">0 (worst) to 100 (nothing deducted).</param>
/// <param name="Deductions">One human-readable line per deduction, each starting with its points (e.g. "-25: …"), in formula order; empty at 100.</param>
public sealed record SecurityScoreReport(int Score, IReadOnlyList<string> Deductions);
