using System.Globalization;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using Slurp.Domain.Addresses;

namespace Slurp.Domain.Tests.Addresses;

/// <summary>FsCheck generators for addresses: valid ones (as values and as text) and hostile near-misses.</summary>
internal static class AddressGenerators
{
    private const string ComponentChars = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-";

    // Printable characters a path segment may hold, including separators of the address grammar,
    // temporal-selector characters, unicode and a surrogate pair.
    private static readonly string[] SegmentPieces =
    [
        "a", "b", "z", "Q", "0", "7", " ", ".", "-", "_", ":", "@", "*", "~", "^", "?", "#", "%", "+", "&", "=",
        "é", "ß", "中", "文", "ї", "\u00A0", "😀", "𝄞", "T", "2026-11-27T", "any", "\\",
    ];

    // Characters that stress the parser: separators, digits, selector marks, controls, lone surrogates.
    private static readonly string[] HostilePieces =
    [
        "ucxl://", "UCXL://", "ucxl:/", "/", "//", ":", "@", "*", "*^", "*~", "~~", "^^", "~", "^", "0", "1", "01", "-1",
        "9999999999", "2026-11-27T10:00:00Z", "2026-13-01T00:00:00Z", "2026-11-27T", "T", "Z", "+02:00", ".", "..",
        "any", "a", "é", "😀", " ", "\t", "\0", "\u007F", "\uD800", "\uDC00", "\uFFFF", "%2F", "?", "#",
    ];

    /// <summary>An agent, role, project or task: 'any' or 1–12 component characters.</summary>
    public static Gen<string> Component { get; } = Gen.Frequency(
        (1, Gen.Constant(UcxlAddress.Any)),
        (6, Gen.Elements(ComponentChars.ToCharArray()).NonEmptyListOf().Select(chars => new string([.. chars.Take(12)]))));

    /// <summary>A concrete project or task (never 'any').</summary>
    public static Gen<string> ConcreteComponent { get; } = Component.Where(c => !UcxlAddress.IsAny(c));

    /// <summary>A valid path segment at the given 1-based depth.</summary>
    public static Gen<string> Segment(int index) =>
        Gen.Elements(SegmentPieces)
            .NonEmptyListOf()
            .Select(pieces => string.Concat(pieces.Take(6)))
            .Where(s => s is not ("." or "..") && (index > 1 || !TemporalSelector.LooksTemporal(s)));

    /// <summary>A valid node path of depth 0 to 6.</summary>
    public static Gen<NodePath> Path { get; } =
        Gen.Choose(0, 6).SelectMany(depth =>
            Gen.CollectToArray(Enumerable.Range(1, depth), Segment)
                .Select(segments => segments.Aggregate(NodePath.Root, (path, segment) => path.Child(segment))));

    /// <summary>An instant in the years 0001–9999 with any offset of whole minutes up to ±14:00.</summary>
    public static Gen<DateTimeOffset> Instant { get; } =
        from day in Gen.Choose(0, (int)(DateTime.MaxValue.Ticks / TimeSpan.TicksPerDay) - 2)
        from secondOfDay in Gen.Choose(0, 86_399)
        from ticks in Gen.Elements(0, 1, 1_000_000, 1_230_000, 9_999_999).Or(Gen.Choose(0, 9_999_999))
        from offsetMinutes in Gen.Elements(0, 60, -60, 120, -330, 345, 14 * 60, -14 * 60).Or(Gen.Choose(-14 * 60, 14 * 60))
        select new DateTimeOffset(
            ((day + 1) * TimeSpan.TicksPerDay) + (secondOfDay * TimeSpan.TicksPerSecond) + ticks,
            TimeSpan.FromMinutes(offsetMinutes));

    /// <summary>
    /// Instant text as a client may write it: 'Z' or an offset, minutes only or seconds, 0–7 fraction digits.
    /// </summary>
    public static Gen<string> InstantText { get; } =
        from instant in Instant
        from form in Gen.Choose(0, 3)
        from fractionDigits in Gen.Choose(1, 7)
        select FormatInstant(instant, form, fractionDigits);

    /// <summary>Any temporal selector, or null (none written).</summary>
    public static Gen<TemporalSelector?> Temporal { get; } = Gen.OneOf(
        Gen.Constant<TemporalSelector?>(null),
        Gen.Constant<TemporalSelector?>(TemporalSelector.Latest),
        Gen.Constant<TemporalSelector?>(TemporalSelector.First),
        Number(1).Select(n => (TemporalSelector?)TemporalSelector.Exact(n)),
        Number(0).Select(n => (TemporalSelector?)TemporalSelector.Back(n)),
        Number(0).Select(n => (TemporalSelector?)TemporalSelector.Forward(n)),
        Instant.Select(i => (TemporalSelector?)TemporalSelector.AsOf(i)),
        InstantText.Select(text => (TemporalSelector?)TemporalSelector.Parse(text)));

    /// <summary>A valid address built from parts.</summary>
    public static Gen<UcxlAddress> Address { get; } =
        from agent in Component
        from role in Component
        from project in Component
        from task in Component
        from temporal in Temporal
        from path in Path
        select new UcxlAddress(agent, role, project, task, temporal, path);

    /// <summary>
    /// Valid address text written piece by piece (not through <see cref="UcxlAddress.ToString"/>), so the
    /// canonical-form law is checked against independently produced strings.
    /// </summary>
    public static Gen<string> AddressText { get; } =
        from agent in Component
        from role in Component
        from project in Component
        from task in Component
        from temporal in Gen.OneOf(
            Gen.Constant(string.Empty),
            Gen.Elements("*^", "*~", "*~1", "~~0", "^^0", "~~2147483647"),
            Number(1).Select(n => "*~" + n.ToString(CultureInfo.InvariantCulture)),
            Number(0).Select(n => "~~" + n.ToString(CultureInfo.InvariantCulture)),
            Number(0).Select(n => "^^" + n.ToString(CultureInfo.InvariantCulture)),
            InstantText)
        from segments in Gen.Choose(0, 5).SelectMany(depth => Gen.CollectToArray(Enumerable.Range(1, depth), Segment))
        select "ucxl://" + agent + ":" + role + "@" + project + ":" + task
            + (temporal.Length == 0 ? string.Empty : "/" + temporal)
            + (segments.Length == 0 ? (temporal.Length == 0 ? "/" : string.Empty) : "/" + string.Join('/', segments));

    /// <summary>Strings glued from grammar fragments, controls and lone surrogates; mostly invalid, some valid.</summary>
    public static Gen<string> HostileText { get; } =
        Gen.Elements(HostilePieces).ListOf().Select(pieces => string.Concat(pieces));

    /// <summary>
    /// Text shaped like an address, <c>ucxl://{a}:{r}@{p}:{t}/{rest}</c>, where each slot is either valid or
    /// glued from grammar fragments: reaches every part of the parser, not only the scheme check.
    /// </summary>
    public static Gen<string> AddressShapedText { get; } =
        from agent in Gen.Frequency((3, Component), (1, HostileText))
        from role in Gen.Frequency((3, Component), (1, HostileText))
        from project in Gen.Frequency((3, Component), (1, HostileText))
        from task in Gen.Frequency((3, Component), (1, HostileText))
        from rest in HostileText
        select "ucxl://" + agent + ":" + role + "@" + project + ":" + task + "/" + rest;

    /// <summary>A valid address with some of its text replaced or cut: near misses of every kind.</summary>
    public static Gen<string> MutatedAddressText { get; } =
        from text in AddressText
        from start in Gen.Choose(0, 200)
        from length in Gen.Choose(0, 4)
        from insert in HostileText
        let at = Math.Min(start, text.Length)
        select text[..at] + insert + text[Math.Min(text.Length, at + length)..];

    /// <summary>A node key with concrete project and task.</summary>
    public static Gen<NodeKey> NodeKey { get; } =
        from project in ConcreteComponent
        from task in ConcreteComponent
        from path in Path
        select new NodeKey(project, task, path);

    private static Gen<int> Number(int min) =>
        Gen.OneOf(Gen.Choose(min, 20), Gen.Choose(min, int.MaxValue), Gen.Constant(int.MaxValue));

    private static string FormatInstant(DateTimeOffset instant, int form, int fractionDigits)
    {
        var builder = new StringBuilder();
        builder.Append(instant.ToString("yyyy'-'MM'-'dd'T'HH':'mm", CultureInfo.InvariantCulture));
        if (form >= 1)
        {
            builder.Append(instant.ToString("':'ss", CultureInfo.InvariantCulture));
        }

        if (form >= 2)
        {
            builder.Append('.').Append(instant.ToString("fffffff", CultureInfo.InvariantCulture)[..fractionDigits]);
        }

        if (instant.Offset == TimeSpan.Zero && form % 2 == 0)
        {
            builder.Append('Z');
        }
        else
        {
            var offset = instant.Offset;
            builder.Append(offset < TimeSpan.Zero ? '-' : '+')
                .Append(offset.Duration().ToString("hh':'mm", CultureInfo.InvariantCulture));
        }

        return builder.ToString();
    }
}
