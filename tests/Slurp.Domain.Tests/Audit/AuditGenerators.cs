using FsCheck;
using FsCheck.Fluent;
using Slurp.Domain.Audit;

namespace Slurp.Domain.Tests.Audit;

/// <summary>A field of <see cref="AuditEntry"/> that a tamper test edits.</summary>
public enum AuditField
{
    Sequence,
    Time,
    Agent,
    Role,
    Action,
    Address,
    Outcome,
    Detail,
    PreviousHash,
    Hash,
}

/// <summary>Edit <see cref="Field"/> of the entry at <see cref="Index"/>; <see cref="Variant"/> picks how.</summary>
public sealed record AuditEdit(int Index, AuditField Field, int Variant);

/// <summary>Swap the entries at <see cref="First"/> and <see cref="Second"/> (<c>First &lt; Second</c>).</summary>
public sealed record AuditSwap(int First, int Second);

/// <summary>A chain of <see cref="Length"/> entries with varied fields, and FsCheck arbitraries over it.</summary>
public static class AuditGenerators
{
    public const int Length = 100;

    private static readonly DateTimeOffset T0 = new(2024, 3, 1, 12, 0, 0, TimeSpan.Zero);

    // Built once; tests only ever read it (and edit copies of its records with `with`).
    public static IReadOnlyList<AuditEntry> Chain { get; } = Build();

    public static Arbitrary<AuditEdit> Edit() =>
        (from index in Gen.Choose(0, Length - 1)
         from field in Gen.Elements(Enum.GetValues<AuditField>())
         from variant in Gen.Choose(0, 3)
         select new AuditEdit(index, field, variant))
        .ToArbitrary();

    public static Arbitrary<AuditSwap> Swap() =>
        (from first in Gen.Choose(0, Length - 2)
         from second in Gen.Choose(first + 1, Length - 1)
         select new AuditSwap(first, second))
        .ToArbitrary();

    /// <summary>
    /// <paramref name="entry"/> with one field changed to a different value; the null/empty/text variants of the
    /// optional fields check that the encoding tells them apart.
    /// </summary>
    public static AuditEntry Apply(AuditEntry entry, AuditField field, int variant) => field switch
    {
        AuditField.Sequence => entry with { Sequence = entry.Sequence + (variant % 2 == 0 ? 1 : -1) * (variant + 1) },
        AuditField.Time => entry with { Time = entry.Time.AddTicks(variant == 0 ? 1 : variant * TimeSpan.TicksPerSecond) },
        AuditField.Agent => entry with { Agent = OtherText(entry.Agent, variant) },
        AuditField.Role => entry with { Role = OtherText(entry.Role, variant) },
        AuditField.Action => entry with { Action = entry.Action == AuditAction.Read ? AuditAction.Write : AuditAction.Read },
        AuditField.Address => entry with { Address = OtherOptional(entry.Address, variant) },
        AuditField.Outcome => entry with { Outcome = entry.Outcome == AuditOutcomes.Denied ? AuditOutcomes.Allowed : AuditOutcomes.Denied },
        AuditField.Detail => entry with { Detail = OtherOptional(entry.Detail, variant) },
        AuditField.PreviousHash => entry with { PreviousHash = FlipDigit(entry.PreviousHash, variant) },
        AuditField.Hash => entry with { Hash = FlipDigit(entry.Hash, variant) },
        _ => throw new ArgumentOutOfRangeException(nameof(field)),
    };

    private static string OtherText(string value, int variant) => variant switch
    {
        0 => value + "x",
        1 => value.Length > 0 ? value[..^1] : "x",
        2 => value.ToUpperInvariant() == value ? value + " " : value.ToUpperInvariant(),
        _ => value == string.Empty ? "\u00e9" : string.Empty,
    };

    private static string? OtherOptional(string? value, int variant) => (value, variant) switch
    {
        (null, 0 or 1) => string.Empty,
        (null, _) => "x",
        ("", 0 or 1) => null,
        ("", _) => " ",
        (_, 0) => null,
        _ => OtherText(value, variant),
    };

    private static string FlipDigit(string hash, int variant)
    {
        var chars = hash.ToCharArray();
        var at = variant * 21 % chars.Length;
        chars[at] = chars[at] == '0' ? '1' : '0';
        return new string(chars);
    }

    private static AuditEntry[] Build()
    {
        string[] agents = ["claude-1", "gpt-2", "admin", ""];
        string[] roles = ["backend_developer", "auditor", "admin", "senior_architect"];
        string?[] addresses = [null, "", "ucxl://claude-1:backend_developer@proj:task/src/api", "ucxl://any:any@proj:task/"];
        string?[] details = [null, "", "version 3", "key version 2 \u2192 3"];
        var entries = new AuditEntry[Length];
        var previous = AuditChain.GenesisHash;
        for (var i = 0; i < Length; i++)
        {
            entries[i] = AuditChain.Append(
                previous,
                i + 1,
                T0.AddSeconds(i * 7).AddTicks(i * 13),
                agents[i % agents.Length],
                roles[i / 2 % roles.Length],
                AuditAction.All[i % AuditAction.All.Count],
                addresses[i / 3 % addresses.Length],
                AuditOutcomes.WireNames[i % 3],
                details[i / 5 % details.Length]);
            previous = entries[i].Hash;
        }

        return entries;
    }
}
