using System.Globalization;

namespace Slurp.Domain.Versions;

/// <summary>
/// A parsed temporal selector, independent of address syntax: the address parser maps <c>*^</c>, <c>*~</c>,
/// <c>*~N</c>, <c>~~N</c>, <c>^^N</c> and instants onto it, and <see cref="VersionHistory.Select{T}"/> resolves it.
/// The constructor checks consistency, so <see cref="N"/> is never negative, is 0 unless the kind counts, and
/// <see cref="Instant"/> is set exactly for <see cref="TemporalQueryKind.AsOf"/>.
/// </summary>
public sealed record TemporalQuery
{
    /// <summary>Creates a query; the static members are the readable way to do so.</summary>
    /// <param name="kind">What is asked for.</param>
    /// <param name="n">The version number (Exact) or step count (Back, Forward); 0 for the other kinds.</param>
    /// <param name="instant">The instant of an AsOf query; null for the other kinds.</param>
    /// <exception cref="ArgumentOutOfRangeException">
    /// The kind is undefined, <paramref name="n"/> is negative, or it is not 0 for a kind that does not count.
    /// </exception>
    /// <exception cref="ArgumentException">An instant is missing for AsOf, or given for another kind.</exception>
    public TemporalQuery(TemporalQueryKind kind, int n = 0, DateTimeOffset? instant = null)
    {
        if (!Enum.IsDefined(kind))
        {
            throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not a defined temporal query kind.");
        }

        ArgumentOutOfRangeException.ThrowIfNegative(n);
        if (n != 0 && kind is not (TemporalQueryKind.Exact or TemporalQueryKind.Back or TemporalQueryKind.Forward))
        {
            throw new ArgumentOutOfRangeException(nameof(n), n, $"A {kind} query takes no number.");
        }

        if ((kind == TemporalQueryKind.AsOf) != instant.HasValue)
        {
            throw new ArgumentException(
                kind == TemporalQueryKind.AsOf ? "An AsOf query needs an instant." : $"A {kind} query takes no instant.",
                nameof(instant));
        }

        Kind = kind;
        N = n;
        Instant = instant;
    }

    /// <summary>The head of the branch (<c>*^</c>); what a read without a selector asks for.</summary>
    public static TemporalQuery Latest { get; } = new(TemporalQueryKind.Latest);

    /// <summary>The oldest version of the branch's lineage (<c>*~</c>).</summary>
    public static TemporalQuery First { get; } = new(TemporalQueryKind.First);

    /// <summary>What is asked for.</summary>
    public TemporalQueryKind Kind { get; }

    /// <summary>The version number (<see cref="TemporalQueryKind.Exact"/>) or step count (Back, Forward); otherwise 0.</summary>
    public int N { get; }

    /// <summary>The instant of an <see cref="TemporalQueryKind.AsOf"/> query; otherwise null.</summary>
    public DateTimeOffset? Instant { get; }

    /// <summary>Version <paramref name="version"/> of the node, on any branch (<c>*~N</c>).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The number is negative.</exception>
    public static TemporalQuery Exact(int version) => new(TemporalQueryKind.Exact, version);

    /// <summary><paramref name="steps"/> versions back from the head (<c>~~N</c>); 0 is the head.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The count is negative.</exception>
    public static TemporalQuery Back(int steps) => new(TemporalQueryKind.Back, steps);

    /// <summary><paramref name="steps"/> versions forward from the first (<c>^^N</c>); 0 is the first.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The count is negative.</exception>
    public static TemporalQuery Forward(int steps) => new(TemporalQueryKind.Forward, steps);

    /// <summary>The version current at <paramref name="instant"/>.</summary>
    public static TemporalQuery AsOf(DateTimeOffset instant) => new(TemporalQueryKind.AsOf, instant: instant);

    /// <summary>The selector in address notation, e.g. <c>~~2</c> or <c>2020-01-01T00:00:00Z</c> (used in details).</summary>
    public override string ToString() => Kind switch
    {
        TemporalQueryKind.Latest => "*^",
        TemporalQueryKind.First => "*~",
        TemporalQueryKind.Exact => "*~" + N.ToString(CultureInfo.InvariantCulture),
        TemporalQueryKind.Back => "~~" + N.ToString(CultureInfo.InvariantCulture),
        TemporalQueryKind.Forward => "^^" + N.ToString(CultureInfo.InvariantCulture),
        TemporalQueryKind.AsOf => FormatInstant(Instant.GetValueOrDefault()),
        _ => Kind.ToString(),
    };

    /// <summary>An instant as UTC ISO-8601 with only the fraction digits it needs: <c>2020-01-01T00:00:00Z</c>.</summary>
    internal static string FormatInstant(DateTimeOffset instant) =>
        instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);
}
