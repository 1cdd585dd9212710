using System.Globalization;

namespace Slurp.Domain.Security;

/// <summary>
/// The security score of <c>GET /v1/security/metrics</c>. Formula: start at 100;
/// −40 if the audit chain is broken or the audit store is unavailable (once, not twice);
/// −25 if the seal runs in dev mode;
/// −10 per expired active key, at most −30;
/// −3 per key due for rotation (due or in its warning window), at most −15;
/// violation rate = AccessViolations24h / max(Requests24h, 1), −min(20, round(100 × rate)) with round half away
/// from zero;
/// then clamp to 0..100. Being sealed does not lower the score. An expired key is also due for rotation, so it
/// costs both −10 and −3.
/// </summary>
public static class SecurityScore
{
    /// <summary>The score with nothing deducted.</summary>
    public const int MaxScore = 100;

    /// <summary>Points lost when the audit chain is broken or the audit store is unavailable.</summary>
    public const int AuditPenalty = 40;

    /// <summary>Points lost when the seal runs in dev mode.</summary>
    public const int DevModeSealPenalty = 25;

    /// <summary>Points lost per expired active key.</summary>
    public const int ExpiredKeyPenalty = 10;

    /// <summary>The most points expired keys can cost.</summary>
    public const int MaxExpiredKeysPenalty = 30;

    /// <summary>Points lost per key due for rotation.</summary>
    public const int DueKeyPenalty = 3;

    /// <summary>The most points keys due for rotation can cost.</summary>
    public const int MaxDueKeysPenalty = 15;

    /// <summary>The most points access violations can cost.</summary>
    public const int MaxViolationPenalty = 20;

    /// <summary>Scores <paramref name="inputs"/> by the formula above and says what was deducted and why.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A count is negative.</exception>
    public static SecurityScoreReport Compute(SecurityInputs inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentOutOfRangeException.ThrowIfNegative(inputs.ActiveKeys, nameof(inputs.ActiveKeys));
        ArgumentOutOfRangeException.ThrowIfNegative(inputs.ExpiredKeys, nameof(inputs.ExpiredKeys));
        ArgumentOutOfRangeException.ThrowIfNegative(inputs.KeysDueForRotation, nameof(inputs.KeysDueForRotation));
        ArgumentOutOfRangeException.ThrowIfNegative(inputs.AccessViolations24h, nameof(inputs.AccessViolations24h));
        ArgumentOutOfRangeException.ThrowIfNegative(inputs.Requests24h, nameof(inputs.Requests24h));

        var deductions = new List<string>();
        var score = MaxScore;

        void Deduct(int points, string why)
        {
            if (points > 0)
            {
                score -= points;
                deductions.Add(string.Create(CultureInfo.InvariantCulture, $"-{points}: {why}"));
            }
        }

        if (!inputs.AuditAvailable)
        {
            Deduct(AuditPenalty, "the audit store is unavailable");
        }
        else if (!inputs.AuditIntact)
        {
            Deduct(AuditPenalty, "the audit chain is broken");
        }

        if (inputs.DevModeSeal)
        {
            Deduct(DevModeSealPenalty, "the seal runs in dev mode (master key in a local key file)");
        }

        Deduct(
            (int)Math.Min((long)inputs.ExpiredKeys * ExpiredKeyPenalty, MaxExpiredKeysPenalty),
            Plural(inputs.ExpiredKeys, "expired active key", "expired active keys")
                + $" (-{ExpiredKeyPenalty} each, at most -{MaxExpiredKeysPenalty})");

        Deduct(
            (int)Math.Min((long)inputs.KeysDueForRotation * DueKeyPenalty, MaxDueKeysPenalty),
            Plural(inputs.KeysDueForRotation, "key due for rotation", "keys due for rotation")
                + $" (-{DueKeyPenalty} each, at most -{MaxDueKeysPenalty})");

        var requests = Math.Max(inputs.Requests24h, 1);
        var percent = RoundedPercent(inputs.AccessViolations24h, requests);
        Deduct(
            (int)Math.Min(percent, MaxViolationPenalty),
            string.Create(
                CultureInfo.InvariantCulture,
                $"access violations were {percent}% of audited requests in the last 24 hours ({inputs.AccessViolations24h} of {inputs.Requests24h}; at most -{MaxViolationPenalty})"));

        return new SecurityScoreReport(Math.Clamp(score, 0, MaxScore), deductions.AsReadOnly());
    }

    // round(100 × part / whole), half away from zero, in exact integer arithmetic (no floating-point ties).
    private static long RoundedPercent(int part, int whole) => ((200L * part) + whole) / (2L * whole);

    private static string Plural(int count, string one, string many) =>
        string.Create(CultureInfo.InvariantCulture, $"{count} {(count == 1 ? one : many)}");
}
