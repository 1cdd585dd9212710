using Slurp.Domain.Addresses;

namespace Slurp.Domain.Tests.Addresses;

public sealed class TemporalSelectorTests
{
    /// <summary>Text, kind, N.</summary>
    public static TheoryData<string, TemporalKind, int> NumberedSelectors { get; } = new()
    {
        { "*^", TemporalKind.Latest, 0 },
        { "*~", TemporalKind.First, 0 },
        { "*~1", TemporalKind.Exact, 1 },
        { "*~42", TemporalKind.Exact, 42 },
        { "*~2147483647", TemporalKind.Exact, int.MaxValue },
        { "~~0", TemporalKind.Back, 0 },
        { "~~3", TemporalKind.Back, 3 },
        { "^^0", TemporalKind.Forward, 0 },
        { "^^10", TemporalKind.Forward, 10 },
    };

    public static TheoryData<string> Instants { get; } =
    [
        "2026-11-27T10:00:00Z",
        "2026-11-27T10:00Z",
        "2026-11-27T10:00:00.1Z",
        "2026-11-27T10:00:00.1234567Z",
        "2026-11-27T10:00:00.120+02:00",
        "2026-11-27T10:00:00-00:00",
        "2024-02-29T23:59:59+14:00",
        "0001-01-01T00:00:00Z",
        "9999-12-31T23:59:59.9999999Z",
    ];

    [Theory]
    [MemberData(nameof(NumberedSelectors))]
    public void ANumberedSelectorParsesToItsKindAndNumber(string text, TemporalKind kind, int n)
    {
        Assert.True(TemporalSelector.TryParse(text, out var selector, out var error), error);
        Assert.Equal(kind, selector!.Kind);
        Assert.Equal(n, selector.N);
        Assert.Null(selector.Instant);
        Assert.Null(selector.InstantText);
        Assert.Equal(text, selector.ToString());
    }

    [Theory]
    [MemberData(nameof(Instants))]
    public void AnInstantParsesAndKeepsItsText(string text)
    {
        Assert.True(TemporalSelector.TryParse(text, out var selector, out var error), error);
        Assert.Equal(TemporalKind.AsOf, selector!.Kind);
        Assert.Equal(text, selector.InstantText);
        Assert.Equal(text, selector.ToString());
        Assert.Equal(DateTimeOffset.Parse(text, System.Globalization.CultureInfo.InvariantCulture), selector.Instant);
    }

    [Fact]
    public void TheFactoriesFormatCanonically()
    {
        Assert.Equal("*^", TemporalSelector.Latest.ToString());
        Assert.Equal("*~", TemporalSelector.First.ToString());
        Assert.Equal("*~7", TemporalSelector.Exact(7).ToString());
        Assert.Equal("~~0", TemporalSelector.Back(0).ToString());
        Assert.Equal("^^5", TemporalSelector.Forward(5).ToString());
    }

    [Fact]
    public void TheFactoriesEqualWhatTheyParseFrom()
    {
        Assert.Equal(TemporalSelector.Exact(7), TemporalSelector.Parse("*~7"));
        Assert.Equal(TemporalSelector.Back(2), TemporalSelector.Parse("~~2"));
        Assert.Equal(TemporalSelector.Forward(2), TemporalSelector.Parse("^^2"));
        Assert.Same(TemporalSelector.Latest, TemporalSelector.Parse("*^"));
        Assert.Same(TemporalSelector.First, TemporalSelector.Parse("*~"));
    }

    [Theory]
    [InlineData(2026, 11, 27, 10, 0, 0, 0, 0, "2026-11-27T10:00:00Z")]
    [InlineData(2026, 11, 27, 10, 0, 0, 123, 0, "2026-11-27T10:00:00.123Z")]
    [InlineData(2026, 11, 27, 12, 0, 0, 500, 2, "2026-11-27T10:00:00.5Z")]
    [InlineData(2026, 1, 1, 0, 30, 0, 0, -1, "2026-01-01T01:30:00Z")]
    public void AsOfIsWrittenInUtcWithTrimmedFraction(
        int year, int month, int day, int hour, int minute, int second, int millisecond, int offsetHours, string expected)
    {
        var instant = new DateTimeOffset(year, month, day, hour, minute, second, millisecond, TimeSpan.FromHours(offsetHours));

        var selector = TemporalSelector.AsOf(instant);

        Assert.Equal(expected, selector.ToString());
        Assert.Equal(instant, selector.Instant);
        Assert.Equal(TimeSpan.Zero, selector.Instant!.Value.Offset);
    }

    [Fact]
    public void AsOfKeepsTicksBelowAMillisecond()
    {
        var instant = new DateTimeOffset(2026, 11, 27, 10, 0, 0, TimeSpan.Zero).AddTicks(1);

        Assert.Equal("2026-11-27T10:00:00.0000001Z", TemporalSelector.AsOf(instant).ToString());
    }

    [Fact]
    public void TheSameInstantWrittenTwoWaysIsTwoDifferentSelectors()
    {
        var utc = TemporalSelector.Parse("2026-11-27T08:00:00Z");
        var local = TemporalSelector.Parse("2026-11-27T10:00:00+02:00");

        Assert.Equal(utc.Instant, local.Instant);
        Assert.NotEqual(utc, local);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void ExactRejectsAVersionBelowOne(int version)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => TemporalSelector.Exact(version));
    }

    [Fact]
    public void BackAndForwardRejectNegativeSteps()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => TemporalSelector.Back(-1));
        Assert.Throws<ArgumentOutOfRangeException>(() => TemporalSelector.Forward(-1));
    }

    [Theory]
    [InlineData("*", true)]
    [InlineData("*anything", true)]
    [InlineData("~~", true)]
    [InlineData("~~x", true)]
    [InlineData("^^", true)]
    [InlineData("2026-11-27T", true)]
    [InlineData("2026-11-27Tfoo", true)]
    [InlineData("~", false)]
    [InlineData("~x", false)]
    [InlineData("^", false)]
    [InlineData("^x", false)]
    [InlineData("src", false)]
    [InlineData("", false)]
    [InlineData("2026-11-27", false)]
    [InlineData("2026-11-27t10:00:00Z", false)]
    [InlineData("٢٠٢٦-11-27T10:00:00Z", false)]
    [InlineData("a*", false)]
    public void LooksTemporalRecognisesTheSelectorPrefixes(string segment, bool expected)
    {
        Assert.Equal(expected, TemporalSelector.LooksTemporal(segment));
    }

    [Theory]
    [InlineData("*~0", "at least 1")]
    [InlineData("*~01", "leading zero")]
    [InlineData("~~-1", "without a sign")]
    [InlineData("*x", "unknown selector")]
    [InlineData("src", "unknown selector")]
    [InlineData("", "unknown selector")]
    [InlineData("2026-11-27T10:00:00", "no offset")]
    [InlineData("2026-13-01T00:00:00Z", "month 13 is out of range 01-12")]
    [InlineData("2025-02-29T00:00:00Z", "day 29 does not exist in 2025-02 (it has 28 days)")]
    public void AnInvalidSelectorIsRejectedWithAPreciseError(string text, string fragment)
    {
        Assert.False(TemporalSelector.TryParse(text, out var selector, out var error));
        Assert.Null(selector);
        Assert.Contains(fragment, error, StringComparison.Ordinal);
        Assert.StartsWith("temporal selector '", error, StringComparison.Ordinal);
    }

    [Fact]
    public void ANullSelectorIsRejected()
    {
        Assert.False(TemporalSelector.TryParse(null, out _, out var error));
        Assert.Equal("temporal selector is null", error);
    }

    [Fact]
    public void ParseThrowsAnArgumentExceptionWithTheError()
    {
        var exception = Assert.Throws<ArgumentException>(() => TemporalSelector.Parse("*~0"));

        Assert.Contains("at least 1", exception.Message, StringComparison.Ordinal);
    }
}
