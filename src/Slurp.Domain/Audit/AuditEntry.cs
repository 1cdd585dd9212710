using System.Security.Cryptography;
using System.Text;

namespace Slurp.Domain.Audit;

/// <summary>
/// One record of the append-only, hash-chained audit log (DESIGN.md "Audit and observability"). Create entries
/// only through <see cref="AuditChain.Append"/>, which computes <see cref="Hash"/>; check a stored log with
/// <see cref="AuditChain.Verify"/>. Nothing here may reveal context content: <see cref="Detail"/> is free text
/// for what happened, and any value that could reveal content goes through <see cref="Redact"/> first.
/// </summary>
/// <param name="Sequence">The entry's position in the log: 1 for the first entry, then one more each time.</param>
/// <param name="Time">When it happened, in UTC, truncated to whole microseconds.</param>
/// <param name="Agent">The acting agent id (may be empty when the caller is not identified).</param>
/// <param name="Role">The role the agent acted as (may be empty when there is none).</param>
/// <param name="Action">What was attempted, one of <see cref="AuditAction"/>.</param>
/// <param name="Address">The UCXL address acted on, or null when the action has none.</param>
/// <param name="Outcome">How it ended, one of <see cref="AuditOutcomes.WireNames"/>.</param>
/// <param name="Detail">Free text without content values (e.g. "version 3", "key version 2 → 3"), or null.</param>
/// <param name="PreviousHash">The <see cref="Hash"/> of the entry before, or <see cref="AuditChain.GenesisHash"/> for the first.</param>
/// <param name="Hash">Lowercase hex SHA-256 over <paramref name="PreviousHash"/> and every other field (see <see cref="AuditChain.Append"/>).</param>
public sealed record AuditEntry(
    long Sequence,
    DateTimeOffset Time,
    string Agent,
    string Role,
    string Action,
    string? Address,
    string Outcome,
    string? Detail,
    string PreviousHash,
    string Hash)
{
    /// <summary>The prefix of every value produced by <see cref="Redact"/>.</summary>
    public const string RedactedPrefix = "hmac-sha256:";

    /// <summary>The shortest HMAC key <see cref="Redact"/> accepts, in bytes.</summary>
    public const int MinRedactionKeyBytes = 16;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>
    /// A value that may reveal content (a tag, a search term, a path fragment), made safe for the audit log:
    /// <c>"hmac-sha256:"</c> + the lowercase hex HMAC-SHA256 of its UTF-8 bytes under <paramref name="hmacKey"/>.
    /// The same key and value always give the same text, so an auditor holding the key can test a guess and
    /// entries about the same value can be correlated; without the key the value cannot be recovered.
    /// </summary>
    /// <exception cref="ArgumentException">The key is shorter than <see cref="MinRedactionKeyBytes"/>, or the value is not valid Unicode.</exception>
    public static string Redact(ReadOnlySpan<byte> hmacKey, string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (hmacKey.Length < MinRedactionKeyBytes)
        {
            throw new ArgumentException(
                $"The redaction key must be at least {MinRedactionKeyBytes} bytes; it has {hmacKey.Length}.", nameof(hmacKey));
        }

        byte[] bytes;
        try
        {
            bytes = StrictUtf8.GetBytes(value);
        }
        catch (EncoderFallbackException e)
        {
            throw new ArgumentException("The value must be valid Unicode text; it holds a lone surrogate.", nameof(value), e);
        }

        try
        {
            Span<byte> mac = stackalloc byte[HMACSHA256.HashSizeInBytes];
            HMACSHA256.HashData(hmacKey, bytes, mac);
            return RedactedPrefix + Convert.ToHexStringLower(mac);
        }
        finally
        {
            // The plaintext value is what the redaction protects; do not leave it in a buffer.
            CryptographicOperations.ZeroMemory(bytes);
        }
    }
}
