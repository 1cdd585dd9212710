using System.Globalization;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using Slurp.Domain.Crypto;

namespace Slurp.Domain.Audit;

/// <summary>
/// The audit log's hash chain. Each entry's <see cref="AuditEntry.Hash"/> covers the hash of the entry before it
/// and every field of its own, so changing, removing or reordering any entry breaks the chain from that entry
/// on. The chain cannot reveal a truncated tail by itself: anchor the head hash elsewhere and compare it with
/// <see cref="AuditVerification.HeadHash"/>.
/// </summary>
public static class AuditChain
{
    /// <summary>The <see cref="AuditEntry.PreviousHash"/> of the log's first entry: 64 zeros.</summary>
    public const string GenesisHash = "0000000000000000000000000000000000000000000000000000000000000000";

    /// <summary>The <see cref="AuditEntry.Sequence"/> of the log's first entry.</summary>
    public const long FirstSequence = 1;

    // Bump the tag if the encoding ever changes, so old and new hashes can never collide.
    internal const string EncodingTag = "slurp.audit-entry.v1";

    private const long TicksPerMicrosecond = TimeSpan.TicksPerMicrosecond;


    /// <summary>
    /// Creates the entry that follows the one whose hash is <paramref name="previousHash"/>.
    /// <paramref name="time"/> is stored in UTC truncated to whole microseconds, so that it survives a round trip
    /// through PostgreSQL <c>timestamptz</c> and still verifies. <see cref="AuditEntry.Hash"/> is the lowercase hex
    /// SHA-256 of this encoding, in order: the tag <c>slurp.audit-entry.v1</c>, previousHash, sequence, time,
    /// agent, role, action, address, outcome, detail — where a string is its UTF-8 byte length as a 4-byte
    /// big-endian integer followed by those bytes; a nullable string (address, detail) is first a marker byte,
    /// 0 for null (and nothing else) or 1 followed by the string, so null and empty differ; sequence is an 8-byte
    /// big-endian integer; time is its UTC ticks (100 ns units) as an 8-byte big-endian integer.
    /// </summary>
    /// <exception cref="ArgumentException">
    /// <paramref name="previousHash"/> is not 64 lowercase hex digits, <paramref name="action"/> is not an
    /// <see cref="AuditAction"/>, <paramref name="outcome"/> is not an <see cref="AuditOutcomes"/> wire name,
    /// or some text is not valid Unicode.
    /// </exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="sequence"/> is less than <see cref="FirstSequence"/>.</exception>
    public static AuditEntry Append(
        string previousHash,
        long sequence,
        DateTimeOffset time,
        string agent,
        string role,
        string action,
        string? address,
        string outcome,
        string? detail)
    {
        ArgumentNullException.ThrowIfNull(previousHash);
        ArgumentNullException.ThrowIfNull(agent);
        ArgumentNullException.ThrowIfNull(role);
        ArgumentNullException.ThrowIfNull(action);
        ArgumentNullException.ThrowIfNull(outcome);
        if (!IsHash(previousHash))
        {
            throw new ArgumentException("The previous hash must be 64 lowercase hex digits.", nameof(previousHash));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(sequence, FirstSequence);
        if (!AuditAction.IsKnown(action))
        {
            throw new ArgumentException($"\"{action}\" is not an audit action.", nameof(action));
        }

        if (!AuditOutcomes.TryParse(outcome, out _))
        {
            throw new ArgumentException(
                $"\"{outcome}\" is not an audit outcome; use one of {string.Join(", ", AuditOutcomes.WireNames)}.", nameof(outcome));
        }

        var utcTicks = time.UtcTicks;
        var stored = new DateTimeOffset(utcTicks - (utcTicks % TicksPerMicrosecond), TimeSpan.Zero);
        var entry = new AuditEntry(sequence, stored, agent, role, action, address, outcome, detail, previousHash, Hash: string.Empty);
        using var hash = new CanonicalHasher();
        return entry with { Hash = ComputeHash(hash, entry) };
    }

    /// <summary>
    /// Checks entries given in sequence order, streaming (one pass, constant memory) and stopping at the first
    /// break. Per entry, in this order: the sequence is one more than the previous entry's (<c>"sequence jumps
    /// from 17 to 19"</c>); it links to the previous entry's hash (<c>"entry 18 does not link to entry 17"</c>);
    /// its hash matches its contents (<c>"entry 17's hash does not match its contents"</c>). Without
    /// <paramref name="expectedFirstPreviousHash"/> the entries must be the whole log: the first is sequence 1
    /// and links to <see cref="GenesisHash"/>. With it, the entries may be any contiguous part of the log whose
    /// first entry links to that hash (e.g. the previous page's <see cref="AuditVerification.HeadHash"/>).
    /// No entries at all is intact. Action and outcome names are not checked, so old logs stay verifiable.
    /// </summary>
    /// <exception cref="ArgumentException">An entry is null.</exception>
    public static AuditVerification Verify(IEnumerable<AuditEntry> entriesInSequenceOrder, string? expectedFirstPreviousHash = null)
    {
        ArgumentNullException.ThrowIfNull(entriesInSequenceOrder);
        var wholeLog = expectedFirstPreviousHash is null;
        var head = expectedFirstPreviousHash ?? GenesisHash;
        long? previousSequence = null;
        long checkedCount = 0;
        using var hash = new CanonicalHasher();
        foreach (var entry in entriesInSequenceOrder)
        {
            if (entry is null)
            {
                throw new ArgumentException(
                    $"The entry after {previousSequence?.ToString(CultureInfo.InvariantCulture) ?? "the start"} is null.",
                    nameof(entriesInSequenceOrder));
            }

            checkedCount++;
            if (Check(hash, entry, previousSequence, head, wholeLog) is { } broken)
            {
                return new AuditVerification(false, broken.Sequence, broken.Reason, checkedCount, head);
            }

            previousSequence = entry.Sequence;
            head = entry.Hash;
        }

        return new AuditVerification(true, null, null, checkedCount, head);
    }

    private static (long Sequence, string Reason)? Check(
        CanonicalHasher hash, AuditEntry entry, long? previousSequence, string head, bool wholeLog)
    {
        var sequence = entry.Sequence;
        if (previousSequence is { } previous)
        {
            if (sequence != previous + 1)
            {
                return (previous + 1, Invariant($"sequence jumps from {previous} to {sequence}"));
            }

            if (!HashEquals(entry.PreviousHash, head))
            {
                return (sequence, Invariant($"entry {sequence} does not link to entry {previous}"));
            }
        }
        else if (wholeLog)
        {
            if (sequence != FirstSequence)
            {
                return (FirstSequence, Invariant($"the log starts at entry {sequence}, not at entry {FirstSequence}"));
            }

            if (!HashEquals(entry.PreviousHash, GenesisHash))
            {
                return (sequence, Invariant($"entry {sequence} does not link to the genesis hash"));
            }
        }
        else if (!HashEquals(entry.PreviousHash, head))
        {
            return (sequence, Invariant($"entry {sequence} does not link to the expected previous hash"));
        }

        string expected;
        try
        {
            expected = ComputeHash(hash, entry);
        }
        catch (ArgumentException)
        {
            // A stored entry with a missing field or text that has no UTF-8 form cannot be one Append produced.
            return (sequence, Invariant($"entry {sequence}'s hash does not match its contents"));
        }

        return HashEquals(entry.Hash, expected)
            ? null
            : (sequence, Invariant($"entry {sequence}'s hash does not match its contents"));
    }

    private static string ComputeHash(CanonicalHasher hash, AuditEntry entry)
    {
        hash.AppendString(EncodingTag);
        hash.AppendString(entry.PreviousHash);
        hash.AppendInt64(entry.Sequence);
        hash.AppendInt64(entry.Time.UtcTicks);
        hash.AppendString(entry.Agent);
        hash.AppendString(entry.Role);
        hash.AppendString(entry.Action);
        hash.AppendOptionalString(entry.Address);
        hash.AppendString(entry.Outcome);
        hash.AppendOptionalString(entry.Detail);
        return hash.ToHexAndReset();
    }

    private static bool HashEquals(string? actual, string expected) =>
        actual is not null
        && CryptographicOperations.FixedTimeEquals(MemoryMarshal.AsBytes(actual.AsSpan()), MemoryMarshal.AsBytes(expected.AsSpan()));

    private static bool IsHash(string value)
    {
        if (value.Length != GenesisHash.Length)
        {
            return false;
        }

        foreach (var c in value)
        {
            if (!char.IsAsciiDigit(c) && c is not (>= 'a' and <= 'f'))
            {
                return false;
            }
        }

        return true;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

}
