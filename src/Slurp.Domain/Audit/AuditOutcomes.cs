namespace Slurp.Domain.Audit;

/// <summary>The wire form of <see cref="AuditOutcome"/>: <c>allowed</c>, <c>denied</c> or <c>failed</c>.</summary>
public static class AuditOutcomes
{
    /// <summary>The wire name of <see cref="AuditOutcome.Allowed"/>.</summary>
    public const string Allowed = "allowed";

    /// <summary>The wire name of <see cref="AuditOutcome.Denied"/>.</summary>
    public const string Denied = "denied";

    /// <summary>The wire name of <see cref="AuditOutcome.Failed"/>.</summary>
    public const string Failed = "failed";

    /// <summary>Every wire name, in the order of <see cref="AuditOutcome"/>.</summary>
    public static IReadOnlyList<string> WireNames { get; } = Array.AsReadOnly([Allowed, Denied, Failed]);

    /// <summary>The wire name of an outcome.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not a defined <see cref="AuditOutcome"/>.</exception>
    public static string ToWire(AuditOutcome outcome) => outcome switch
    {
        AuditOutcome.Allowed => Allowed,
        AuditOutcome.Denied => Denied,
        AuditOutcome.Failed => Failed,
        _ => throw new ArgumentOutOfRangeException(nameof(outcome), outcome, "Not a defined audit outcome."),
    };

    /// <summary>Parses a wire name; only the exact lowercase names are accepted.</summary>
    /// <returns>True and the outcome, or false and <see cref="AuditOutcome.Allowed"/>.</returns>
    public static bool TryParse(string? text, out AuditOutcome outcome)
    {
        switch (text)
        {
            case Allowed:
                outcome = AuditOutcome.Allowed;
                return true;
            case Denied:
                outcome = AuditOutcome.Denied;
                return true;
            case Failed:
                outcome = AuditOutcome.Failed;
                return true;
            default:
                outcome = AuditOutcome.Allowed;
                return false;
        }
    }
}
