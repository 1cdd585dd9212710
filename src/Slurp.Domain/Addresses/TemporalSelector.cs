using System.Globalization;
using System.Text;
using static System.FormattableString;

namespace Slurp.Domain.Addresses;

/// <summary>
/// The optional temporal segment of a UCXL address: which version of a node to read.
/// <c>*^</c> latest, <c>*~</c> first, <c>*~N</c> exactly version N, <c>~~N</c> N back from the latest,
/// <c>^^N</c> N forward from the first, or an ISO-8601 instant with a date, a time and an offset.
/// Equality is on the written form: two instants written differently (<c>Z</c> vs <c>+00:00</c>) differ,
/// so formatting a parsed selector gives back exactly the text it came from.
/// </summary>
public sealed record TemporalSelector
{
    private const string LatestText = "*^";
    private const string FirstText = "*~";
    private const string BackPrefix = "~~";
    private const string ForwardPrefix = "^^";
    private const int MaxFractionDigits = 7;
    private const int MaxOffsetMinutes = 14 * 60;

    private const string Expected =
        "expected '*^' (latest), '*~' (first), '*~N' (version N), '~~N' (N back from the latest), "
        + "'^^N' (N forward from the first) or an ISO-8601 instant such as '2026-11-27T10:00:00Z'";

    private readonly string _text;

    private TemporalSelector(TemporalKind kind, int n, DateTimeOffset? instant, string text)
    {
        Kind = kind;
        N = n;
        Instant = instant;
        _text = text;
    }

    /// <summary><c>*^</c>: the newest version.</summary>
    public static TemporalSelector Latest { get; } = new(TemporalKind.Latest, 0, null, LatestText);

    /// <summary><c>*~</c>: the first version.</summary>
    public static TemporalSelector First { get; } = new(TemporalKind.First, 0, null, FirstText);

    /// <summary>Which version this selector points at.</summary>
    public TemporalKind Kind { get; }

    /// <summary>
    /// The version number for <see cref="TemporalKind.Exact"/> (≥ 1), the step count for
    /// <see cref="TemporalKind.Back"/> and <see cref="TemporalKind.Forward"/> (≥ 0); 0 for the other kinds.
    /// </summary>
    public int N { get; }

    /// <summary>The instant for <see cref="TemporalKind.AsOf"/>, with the offset it was written with; null otherwise.</summary>
    public DateTimeOffset? Instant { get; }

    /// <summary>The instant exactly as written (for <see cref="TemporalKind.AsOf"/>); null otherwise.</summary>
    public string? InstantText => Kind == TemporalKind.AsOf ? _text : null;

    /// <summary><c>*~N</c>: exactly version <paramref name="version"/>, which must be at least 1.</summary>
    /// <exception cref="ArgumentOutOfRangeException">When <paramref name="version"/> is below 1.</exception>
    public static TemporalSelector Exact(int version)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(version, 1);
        return new(TemporalKind.Exact, version, null, FirstText + Format(version));
    }

    /// <summary><c>~~N</c>: <paramref name="steps"/> versions back from the newest (0 is the newest).</summary>
    /// <exception cref="ArgumentOutOfRangeException">When <paramref name="steps"/> is negative.</exception>
    public static TemporalSelector Back(int steps)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(steps);
        return new(TemporalKind.Back, steps, null, BackPrefix + Format(steps));
    }

    /// <summary><c>^^N</c>: <paramref name="steps"/> versions forward from the first (0 is the first).</summary>
    /// <exception cref="ArgumentOutOfRangeException">When <paramref name="steps"/> is negative.</exception>
    public static TemporalSelector Forward(int steps)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(steps);
        return new(TemporalKind.Forward, steps, null, ForwardPrefix + Format(steps));
    }

    /// <summary>
    /// The version current at <paramref name="instant"/>, written in UTC as
    /// <c>yyyy-MM-ddTHH:mm:ss[.fffffff]Z</c> with trailing fractional zeros (and a bare dot) dropped.
    /// </summary>
    public static TemporalSelector AsOf(DateTimeOffset instant)
    {
        var utc = instant.ToUniversalTime();
        var builder = new StringBuilder(28);
        builder.Append(utc.UtcDateTime.ToString("yyyy'-'MM'-'dd'T'HH':'mm':'ss", CultureInfo.InvariantCulture));
        var fraction = (int)(utc.UtcTicks % TimeSpan.TicksPerSecond);
        if (fraction != 0)
        {
            builder.Append('.').Append(fraction.ToString("D7", CultureInfo.InvariantCulture).TrimEnd('0'));
        }

        builder.Append('Z');
        return new(TemporalKind.AsOf, 0, utc, builder.ToString());
    }

    /// <summary>
    /// True when <paramref name="segment"/> is written like a temporal selector: it starts with <c>*</c>,
    /// <c>~~</c> or <c>^^</c>, or with an ASCII date <c>YYYY-MM-DDT</c>. Such a first segment after the task is
    /// always read as the selector, so it must then be a valid one.
    /// </summary>
    public static bool LooksTemporal(string? segment)
    {
        if (string.IsNullOrEmpty(segment))
        {
            return false;
        }

        return segment[0] == '*'
            || segment.StartsWith(BackPrefix, StringComparison.Ordinal)
            || segment.StartsWith(ForwardPrefix, StringComparison.Ordinal)
            || StartsWithDate(segment);
    }

    /// <summary>True when <paramref name="segment"/> starts with an ASCII date and 'T': <c>YYYY-MM-DDT</c>.</summary>
    private static bool StartsWithDate(string segment) =>
        segment.Length >= 11
            && AddressText.IsAsciiDigit(segment[0]) && AddressText.IsAsciiDigit(segment[1])
            && AddressText.IsAsciiDigit(segment[2]) && AddressText.IsAsciiDigit(segment[3])
            && segment[4] == '-'
            && AddressText.IsAsciiDigit(segment[5]) && AddressText.IsAsciiDigit(segment[6])
            && segment[7] == '-'
            && AddressText.IsAsciiDigit(segment[8]) && AddressText.IsAsciiDigit(segment[9])
            && segment[10] == 'T';

    /// <summary>
    /// Parses one temporal segment. Never throws: on failure <paramref name="error"/> says what is wrong.
    /// </summary>
    public static bool TryParse(string? segment, out TemporalSelector? selector, out string? error)
    {
        selector = null;
        if (segment is null)
        {
            error = "temporal selector is null";
            return false;
        }

        if (segment == LatestText)
        {
            selector = Latest;
            error = null;
            return true;
        }

        if (segment == FirstText)
        {
            selector = First;
            error = null;
            return true;
        }

        if (segment.StartsWith(FirstText, StringComparison.Ordinal))
        {
            if (!TryParseNumber(segment, FirstText.Length, out var version, out error))
            {
                return false;
            }

            if (version < 1)
            {
                error = Describe(segment, "version must be at least 1 (versions are numbered from 1)");
                return false;
            }

            selector = new(TemporalKind.Exact, version, null, segment);
            return true;
        }

        if (segment.StartsWith(LatestText, StringComparison.Ordinal))
        {
            error = Describe(segment, "'*^' (latest) takes no number; use '~~N' to go N versions back");
            return false;
        }

        if (segment.StartsWith(BackPrefix, StringComparison.Ordinal)
            || segment.StartsWith(ForwardPrefix, StringComparison.Ordinal))
        {
            if (!TryParseNumber(segment, 2, out var steps, out error))
            {
                return false;
            }

            var kind = segment[0] == '~' ? TemporalKind.Back : TemporalKind.Forward;
            selector = new(kind, steps, null, segment);
            return true;
        }

        if (StartsWithDate(segment))
        {
            if (!TryParseInstant(segment, out var instant, out error))
            {
                return false;
            }

            selector = new(TemporalKind.AsOf, 0, instant, segment);
            return true;
        }

        error = Describe(segment, "unknown selector; " + Expected);
        return false;
    }

    /// <summary>Parses one temporal segment.</summary>
    /// <exception cref="ArgumentException">When the segment is not a valid selector; the message says why.</exception>
    public static TemporalSelector Parse(string segment) =>
        TryParse(segment, out var selector, out var error) ? selector! : throw new ArgumentException(error, nameof(segment));

    /// <summary>The canonical text: <c>*^</c>, <c>*~</c>, <c>*~N</c>, <c>~~N</c>, <c>^^N</c> or the instant as written.</summary>
    public override string ToString() => _text;

    private static string Format(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Describe(string segment, string problem) =>
        "temporal selector " + AddressText.Quote(segment) + ": " + problem;

    private static bool TryParseNumber(string segment, int start, out int value, out string? error)
    {
        value = 0;
        var digits = segment.AsSpan(start);
        var prefix = segment[..start];
        if (digits.IsEmpty)
        {
            error = Describe(segment, Invariant($"'{prefix}' needs a number N, e.g. '{prefix}1'"));
            return false;
        }

        foreach (var c in digits)
        {
            if (!AddressText.IsAsciiDigit(c))
            {
                error = Describe(
                    segment,
                    digits[0] is '+' or '-'
                        ? "the number must be plain decimal digits, without a sign"
                        : "the number must be plain decimal digits");
                return false;
            }
        }

        if (digits.Length > 1 && digits[0] == '0')
        {
            error = Describe(segment, "the number has a leading zero");
            return false;
        }

        if (!int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out value))
        {
            error = Describe(segment, Invariant($"the number is larger than {int.MaxValue}"));
            return false;
        }

        error = null;
        return true;
    }

    private static bool TryParseInstant(string segment, out DateTimeOffset instant, out string? error)
    {
        instant = default;
        var reader = new InstantReader(segment);

        // StartsWithDate has already checked "YYYY-MM-DDT"; the rest is read strictly.
        var year = reader.Digits(4);
        reader.Advance();
        var month = reader.Digits(2);
        reader.Advance();
        var day = reader.Digits(2);
        reader.Advance();

        if (!reader.TryDigits(2, out var hour) || !reader.TryExpect(':') || !reader.TryDigits(2, out var minute))
        {
            error = Describe(segment, "the instant needs a time 'HH:MM' after 'T' (format 'YYYY-MM-DDTHH:MM[:SS[.fffffff]](Z|±HH:MM)')");
            return false;
        }

        var second = 0;
        long fractionTicks = 0;
        if (reader.TryExpect(':'))
        {
            if (!reader.TryDigits(2, out second))
            {
                error = Describe(segment, "the instant needs two digits of seconds after 'HH:MM:'");
                return false;
            }

            if (reader.TryExpect('.'))
            {
                var fractionDigits = reader.CountDigits();
                if (fractionDigits == 0)
                {
                    error = Describe(segment, "the instant needs digits after the decimal point");
                    return false;
                }

                if (fractionDigits > MaxFractionDigits)
                {
                    error = Describe(segment, Invariant($"the instant has {fractionDigits} fractional digits; at most {MaxFractionDigits} (100 ns) are allowed"));
                    return false;
                }

                fractionTicks = reader.Digits(fractionDigits);
                for (var i = fractionDigits; i < MaxFractionDigits; i++)
                {
                    fractionTicks *= 10;
                }
            }
        }

        if (reader.AtEnd)
        {
            error = Describe(segment, "the instant has no offset; end it with 'Z' (UTC) or '±HH:MM'");
            return false;
        }

        var offsetMinutes = 0;
        if (reader.TryExpect('Z'))
        {
            // UTC.
        }
        else if (reader.Peek is '+' or '-')
        {
            var sign = reader.Peek == '-' ? -1 : 1;
            reader.Advance();
            if (!reader.TryDigits(2, out var offsetHours) || !reader.TryExpect(':') || !reader.TryDigits(2, out var offsetMins))
            {
                error = Describe(segment, "the offset must be written '±HH:MM'");
                return false;
            }

            if (offsetMins > 59 || (offsetHours * 60) + offsetMins > MaxOffsetMinutes)
            {
                error = Describe(segment, "the offset must be between -14:00 and +14:00");
                return false;
            }

            offsetMinutes = sign * ((offsetHours * 60) + offsetMins);
        }
        else
        {
            error = Describe(
                segment,
                Invariant($"unexpected {DescribeChar(reader.Peek)} at position {reader.Position + 1}; the instant must end with 'Z' or '±HH:MM'"));
            return false;
        }

        if (!reader.AtEnd)
        {
            error = Describe(segment, Invariant($"unexpected text after the offset at position {reader.Position + 1}"));
            return false;
        }

        if (!CheckRange(segment, "year", year, 1, 9999, out error)
            || !CheckRange(segment, "month", month, 1, 12, out error)
            || !CheckRange(segment, "hour", hour, 0, 23, out error)
            || !CheckRange(segment, "minute", minute, 0, 59, out error)
            || !CheckRange(segment, "second", second, 0, 59, out error))
        {
            return false;
        }

        var daysInMonth = DateTime.DaysInMonth((int)year, (int)month);
        if (day < 1 || day > daysInMonth)
        {
            error = Describe(segment, Invariant($"day {day:D2} does not exist in {year:D4}-{month:D2} (it has {daysInMonth} days)"));
            return false;
        }

        var localTicks = new DateTime((int)year, (int)month, (int)day, hour, minute, second, DateTimeKind.Unspecified).Ticks
            + fractionTicks;
        var offset = TimeSpan.FromMinutes(offsetMinutes);
        var utcTicks = localTicks - offset.Ticks;
        if (utcTicks < DateTime.MinValue.Ticks || utcTicks > DateTime.MaxValue.Ticks)
        {
            error = Describe(segment, "the instant is outside the years 0001-9999 once converted to UTC");
            return false;
        }

        instant = new DateTimeOffset(localTicks, offset);
        error = null;
        return true;
    }

    private static bool CheckRange(string segment, string name, long value, int min, int max, out string? error)
    {
        if (value < min || value > max)
        {
            var width = name == "year" ? 4 : 2;
            var format = "D" + width.ToString(CultureInfo.InvariantCulture);
            error = Describe(
                segment,
                $"{name} {value.ToString(format, CultureInfo.InvariantCulture)} is out of range "
                + $"{min.ToString(format, CultureInfo.InvariantCulture)}-{max.ToString(format, CultureInfo.InvariantCulture)}");
            return false;
        }

        error = null;
        return true;
    }

    private static string DescribeChar(char c) =>
        char.IsControl(c) || char.IsSurrogate(c) ? AddressText.CodeUnit(c) : $"'{c}'";

    /// <summary>A forward-only cursor over the instant text.</summary>
    private ref struct InstantReader(string text)
    {
        private readonly string _text = text;

        public int Position { get; private set; }

        public readonly bool AtEnd => Position >= _text.Length;

        public readonly char Peek => AtEnd ? '\0' : _text[Position];

        /// <summary>Steps over one character the caller has already checked.</summary>
        public void Advance() => Position++;

        public bool TryExpect(char expected)
        {
            if (AtEnd || _text[Position] != expected)
            {
                return false;
            }

            Position++;
            return true;
        }

        public readonly int CountDigits()
        {
            var count = 0;
            while (Position + count < _text.Length && AddressText.IsAsciiDigit(_text[Position + count]))
            {
                count++;
            }

            return count;
        }

        public bool TryDigits(int count, out int value)
        {
            value = 0;
            if (CountDigits() < count)
            {
                return false;
            }

            value = (int)Digits(count);
            return true;
        }

        /// <summary>Reads <paramref name="count"/> digits the caller has already checked are there.</summary>
        public long Digits(int count)
        {
            long value = 0;
            for (var i = 0; i < count; i++)
            {
                value = (value * 10) + (_text[Position + i] - '0');
            }

            Position += count;
            return value;
        }
    }
}
