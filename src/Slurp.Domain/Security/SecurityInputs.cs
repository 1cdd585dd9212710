namespace Slurp.Domain.Security;

/// <summary>What <see cref="SecurityScore.Compute"/> scores: a snapshot of key, audit and seal health. Counts are never negative.</summary>
public sealed record SecurityInputs
{
    /// <summary>Roles with an active key.</summary>
    public required int ActiveKeys { get; init; }

    /// <summary>Active keys at or past their expiry (<c>KeyHealth.Due</c>).</summary>
    public required int ExpiredKeys { get; init; }

    /// <summary>Active keys that are due for rotation or in their warning window (<c>KeyHealth.Due</c> or <c>KeyHealth.Warning</c>).</summary>
    public required int KeysDueForRotation { get; init; }

    /// <summary>Audited access violations (outcome <c>denied</c>) in the last 24 hours.</summary>
    public required int AccessViolations24h { get; init; }

    /// <summary>Audited events of any outcome in the last 24 hours.</summary>
    public required int Requests24h { get; init; }

    /// <summary>Whether the audit chain verified intact.</summary>
    public required bool AuditIntact { get; init; }

    /// <summary>Whether the audit store could be read (and so written).</summary>
    public required bool AuditAvailable { get; init; }

    /// <summary>Whether the silo is sealed; reported, but it does not lower the score.</summary>
    public required bool Sealed { get; init; }

    /// <summary>Whether the seal runs in dev mode (master key in a local key file).</summary>
    public required bool DevModeSeal { get; init; }
}
