using Slurp.Domain.Addresses;

namespace Slurp.Domain.Tests.Addresses;

public sealed class UcxlAddressParsingTests
{
    /// <summary>Text, agent, role, project, task, temporal (canonical text or null), path.</summary>
    public static TheoryData<string, string, string, string, string, string?, string> ValidAddresses { get; } = new()
    {
        { "ucxl://claude-1:backend_developer@proj:task/src/api", "claude-1", "backend_developer", "proj", "task", null, "/src/api" },
        { "ucxl://a:r@p:t/", "a", "r", "p", "t", null, "/" },
        { "ucxl://a:r@p:t/*^", "a", "r", "p", "t", "*^", "/" },
        { "ucxl://a:r@p:t/*~", "a", "r", "p", "t", "*~", "/" },
        { "ucxl://a:r@p:t/*^/src", "a", "r", "p", "t", "*^", "/src" },
        { "ucxl://a:r@p:t/*~/src", "a", "r", "p", "t", "*~", "/src" },
        { "ucxl://a:r@p:t/*~3/src/api/users.go", "a", "r", "p", "t", "*~3", "/src/api/users.go" },
        { "ucxl://a:r@p:t/*~2147483647/x", "a", "r", "p", "t", "*~2147483647", "/x" },
        { "ucxl://a:r@p:t/~~0/x", "a", "r", "p", "t", "~~0", "/x" },
        { "ucxl://a:r@p:t/~~12/x", "a", "r", "p", "t", "~~12", "/x" },
        { "ucxl://a:r@p:t/^^0/x", "a", "r", "p", "t", "^^0", "/x" },
        { "ucxl://a:r@p:t/^^7", "a", "r", "p", "t", "^^7", "/" },
        { "ucxl://a:r@p:t/2026-11-27T10:00:00Z/src", "a", "r", "p", "t", "2026-11-27T10:00:00Z", "/src" },
        { "ucxl://a:r@p:t/2026-11-27T10:00:00.123+02:00/src", "a", "r", "p", "t", "2026-11-27T10:00:00.123+02:00", "/src" },
        { "ucxl://a:r@p:t/2026-11-27T10:00-05:30", "a", "r", "p", "t", "2026-11-27T10:00-05:30", "/" },
        { "ucxl://any:any@any:any/", "any", "any", "any", "any", null, "/" },
        { "ucxl://any:any@proj:task/src/api", "any", "any", "proj", "task", null, "/src/api" },
        { "ucxl://A_b-9:R@P-1:t_2/x", "A_b-9", "R", "P-1", "t_2", null, "/x" },
        { "ucxl://a:r@p:t/docs/read me.md", "a", "r", "p", "t", null, "/docs/read me.md" },
        { "ucxl://a:r@p:t/ü/日本語/😀 smile", "a", "r", "p", "t", null, "/ü/日本語/😀 smile" },
        { "ucxl://a:r@p:t/a:b/*^/c*d/~~1/2026-11-27T", "a", "r", "p", "t", null, "/a:b/*^/c*d/~~1/2026-11-27T" },
        { "ucxl://a:r@p:t/.hidden/..x/x..", "a", "r", "p", "t", null, "/.hidden/..x/x.." },
        { "ucxl://a:r@p:t/~home/^up/@at/?q=1#frag/%2F", "a", "r", "p", "t", null, "/~home/^up/@at/?q=1#frag/%2F" },
        { "ucxl://a:r@p:t/ leading and trailing ", "a", "r", "p", "t", null, "/ leading and trailing " },
    };

    /// <summary>The text column of <see cref="ValidAddresses"/>.</summary>
    public static TheoryData<string> ValidAddressTexts { get; } = [.. ValidAddresses.Select(row => (string)row[0])];

    /// <summary>Text, the part blamed, a fragment the message must contain.</summary>
    public static TheoryData<string, UcxlAddressPart, string> InvalidAddresses { get; } = new()
    {
        { "", UcxlAddressPart.Address, "empty" },
        { new string('x', UcxlAddress.MaxLength + 1), UcxlAddressPart.Address, "longer than 8192" },
        { "ucxl://a:r@p:t/" + new string('é', 4100), UcxlAddressPart.Address, "longer than 8192" },
        { "http://a:r@p:t/x", UcxlAddressPart.Scheme, "must be 'ucxl://'" },
        { "UCXL://a:r@p:t/x", UcxlAddressPart.Scheme, "lower case" },
        { "ucxl:/a:r@p:t/x", UcxlAddressPart.Scheme, "must be 'ucxl://'" },
        { "ucxl//a:r@p:t/x", UcxlAddressPart.Scheme, "must be 'ucxl://'" },
        { "a:r@p:t/x", UcxlAddressPart.Scheme, "must be 'ucxl://'" },
        { "ucxl://", UcxlAddressPart.Address, "no '@'" },
        { "ucxl://a:r/x", UcxlAddressPart.Address, "no '@'" },
        { "ucxl://p:t/x", UcxlAddressPart.Address, "no '@'" },
        { "ucxl://agent@p:t/x", UcxlAddressPart.Role, "is missing" },
        { "ucxl://a:r@proj/x", UcxlAddressPart.Task, "is missing" },
        { "ucxl://a:r@p:t", UcxlAddressPart.Path, "is missing" },
        { "ucxl://:r@p:t/x", UcxlAddressPart.Agent, "must not be empty" },
        { "ucxl://a:@p:t/x", UcxlAddressPart.Role, "must not be empty" },
        { "ucxl://a:r@:t/x", UcxlAddressPart.Project, "must not be empty" },
        { "ucxl://a:r@p:/x", UcxlAddressPart.Task, "must not be empty" },
        { "ucxl://a b:r@p:t/x", UcxlAddressPart.Agent, "must match [A-Za-z0-9_-]+ or be 'any' (got 'a b')" },
        { "ucxl://a:a b@p:t/x", UcxlAddressPart.Role, "must match [A-Za-z0-9_-]+ or be 'any' (got 'a b')" },
        { "ucxl://a:r:x@p:t/x", UcxlAddressPart.Role, "(got 'r:x')" },
        { "ucxl://a:r@p.q:t/x", UcxlAddressPart.Project, "(got 'p.q')" },
        { "ucxl://a:r@p:t@u/x", UcxlAddressPart.Task, "(got 't@u')" },
        { "ucxl://a:r@p:t\u00e9/x", UcxlAddressPart.Task, "must match" },
        { "ucxl://a\t:r@p:t/x", UcxlAddressPart.Agent, "(got 'a\\u0009')" },
        { "ucxl://a:r@p:t/" + new string('x', 2) + "//y", UcxlAddressPart.Path, "path segment 2 is empty" },
        { "ucxl://a:r@p:t//", UcxlAddressPart.Path, "path segment 1 is empty" },
        { "ucxl://a:r@p:t/src/", UcxlAddressPart.Path, "trailing" },
        { "ucxl://a:r@p:t/*^/", UcxlAddressPart.Path, "after a temporal selector" },
        { "ucxl://a:r@p:t/*^/src/", UcxlAddressPart.Path, "trailing" },
        { "ucxl://a:r@p:t/a/./b", UcxlAddressPart.Path, "path segment 2 is '.': relative segments are not allowed" },
        { "ucxl://a:r@p:t/a/b/..", UcxlAddressPart.Path, "path segment 3 is '..': relative segments are not allowed" },
        { "ucxl://a:r@p:t/*~1/..", UcxlAddressPart.Path, "path segment 1 is '..'" },
        { "ucxl://a:r@p:t/a/b\u0007c", UcxlAddressPart.Path, "path segment 2 'b\\u0007c' contains control character U+0007 at position 2" },
        { "ucxl://a:r@p:t/line\nbreak", UcxlAddressPart.Path, "control character U+000A" },
        { "ucxl://a:r@p:t/del\u007F", UcxlAddressPart.Path, "control character U+007F" },
        { "ucxl://a:r@p:t/" + new string('x', NodePath.MaxUtf8Bytes), UcxlAddressPart.Path, "longer than 4096 bytes" },
        { "ucxl://a:r@p:t/" + new string('é', 2100), UcxlAddressPart.Path, "4201 bytes of UTF-8; at most 4096" },
        { "ucxl://a:r@p:t/*^/*~/x", UcxlAddressPart.Path, "looks like a temporal selector" },
        { "ucxl://a:r@p:t/*~0/x", UcxlAddressPart.Temporal, "at least 1" },
        { "ucxl://a:r@p:t/*~01/x", UcxlAddressPart.Temporal, "leading zero" },
        { "ucxl://a:r@p:t/~~01", UcxlAddressPart.Temporal, "leading zero" },
        { "ucxl://a:r@p:t/~~-1/x", UcxlAddressPart.Temporal, "without a sign" },
        { "ucxl://a:r@p:t/^^+1/x", UcxlAddressPart.Temporal, "without a sign" },
        { "ucxl://a:r@p:t/~~1x/x", UcxlAddressPart.Temporal, "plain decimal digits" },
        { "ucxl://a:r@p:t/*~2147483648/x", UcxlAddressPart.Temporal, "larger than 2147483647" },
        { "ucxl://a:r@p:t/~~/x", UcxlAddressPart.Temporal, "needs a number" },
        { "ucxl://a:r@p:t/^^", UcxlAddressPart.Temporal, "needs a number" },
        { "ucxl://a:r@p:t/*x/y", UcxlAddressPart.Temporal, "unknown selector" },
        { "ucxl://a:r@p:t/*", UcxlAddressPart.Temporal, "unknown selector" },
        { "ucxl://a:r@p:t/*^2/x", UcxlAddressPart.Temporal, "takes no number" },
        { "ucxl://a:r@p:t/2026-11-27T10:00:00/x", UcxlAddressPart.Temporal, "no offset" },
        { "ucxl://a:r@p:t/2026-11-27T10:00:00.5", UcxlAddressPart.Temporal, "no offset" },
        { "ucxl://a:r@p:t/2026-13-01T00:00:00Z/x", UcxlAddressPart.Temporal, "month 13 is out of range 01-12" },
        { "ucxl://a:r@p:t/2026-02-30T00:00:00Z", UcxlAddressPart.Temporal, "day 30 does not exist in 2026-02" },
        { "ucxl://a:r@p:t/2026-11-27T24:00:00Z", UcxlAddressPart.Temporal, "hour 24 is out of range 00-23" },
        { "ucxl://a:r@p:t/2026-11-27T10:60:00Z", UcxlAddressPart.Temporal, "minute 60" },
        { "ucxl://a:r@p:t/2026-11-27T10:00:60Z", UcxlAddressPart.Temporal, "second 60" },
        { "ucxl://a:r@p:t/0000-01-01T00:00:00Z", UcxlAddressPart.Temporal, "year 0000" },
        { "ucxl://a:r@p:t/2026-11-27T10:00:00.12345678Z", UcxlAddressPart.Temporal, "8 fractional digits" },
        { "ucxl://a:r@p:t/2026-11-27T10:00:00.Z", UcxlAddressPart.Temporal, "digits after the decimal point" },
        { "ucxl://a:r@p:t/2026-11-27T10:00:00z", UcxlAddressPart.Temporal, "must end with 'Z' or '±HH:MM'" },
        { "ucxl://a:r@p:t/2026-11-27T10:00:00+0200", UcxlAddressPart.Temporal, "'±HH:MM'" },
        { "ucxl://a:r@p:t/2026-11-27T10:00:00+15:00", UcxlAddressPart.Temporal, "between -14:00 and +14:00" },
        { "ucxl://a:r@p:t/2026-11-27T10:00:00Z junk", UcxlAddressPart.Temporal, "unexpected text after the offset" },
        { "ucxl://a:r@p:t/2026-11-27T10", UcxlAddressPart.Temporal, "needs a time" },
        { "ucxl://a:r@p:t/9999-12-31T23:00:00-02:00", UcxlAddressPart.Temporal, "outside the years 0001-9999" },
    };

    /// <summary>
    /// Addresses holding lone surrogates. xunit cannot serialize such strings into separate test cases,
    /// so these rows are enumerated when the test runs.
    /// </summary>
    public static TheoryData<string, string> LoneSurrogateAddresses { get; } = new()
    {
        { "ucxl://a:r@p:t/a/lone\uD800", "path segment 2 'lone\\uD800' contains an unpaired UTF-16 surrogate U+D800 at position 5" },
        { "ucxl://a:r@p:t/\uDC00x", "unpaired UTF-16 surrogate U+DC00 at position 1" },
        { "ucxl://a:r@p:t/x/\uDE00\uD83D", "unpaired UTF-16 surrogate U+DE00 at position 1" },
        { "ucxl://a:r@p:t/x/\uD83D\uDE00\uD83D", "unpaired UTF-16 surrogate U+D83D at position 3" },
    };

    [Theory]
    [MemberData(nameof(ValidAddresses))]
    public void AValidAddressParsesIntoItsParts(
        string text, string agent, string role, string project, string task, string? temporal, string path)
    {
        var ok = UcxlAddress.TryParse(text, out var address, out var error);

        Assert.True(ok, error?.ToString());
        Assert.Null(error);
        Assert.Equal(agent, address!.Agent);
        Assert.Equal(role, address.Role);
        Assert.Equal(project, address.Project);
        Assert.Equal(task, address.Task);
        Assert.Equal(temporal, address.Temporal?.ToString());
        Assert.Equal(path, address.Path.Value);
    }

    [Theory]
    [MemberData(nameof(ValidAddressTexts))]
    public void AValidAddressFormatsBackToTheSameText(string text)
    {
        Assert.Equal(text, UcxlAddress.Parse(text).ToString());
    }

    [Theory]
    [MemberData(nameof(InvalidAddresses))]
    public void AnInvalidAddressIsRejectedNamingThePartAndTheProblem(string text, UcxlAddressPart part, string fragment)
    {
        var ok = UcxlAddress.TryParse(text, out var address, out var error);

        Assert.False(ok);
        Assert.Null(address);
        Assert.NotNull(error);
        Assert.Equal(part, error.Part);
        Assert.Contains(fragment, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(InvalidAddresses))]
    public void ParseThrowsAFormatExceptionCarryingTheError(string text, UcxlAddressPart part, string fragment)
    {
        var exception = Assert.Throws<UcxlFormatException>(() => UcxlAddress.Parse(text));

        Assert.Equal(part, exception.Error.Part);
        Assert.Contains(fragment, exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(LoneSurrogateAddresses), DisableDiscoveryEnumeration = true)]
    public void ALoneSurrogateInThePathIsRejected(string text, string fragment)
    {
        var ok = UcxlAddress.TryParse(text, out _, out var error);

        Assert.False(ok);
        Assert.Equal(UcxlAddressPart.Path, error!.Part);
        Assert.Contains(fragment, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ANullAddressIsRejectedAsAWhole()
    {
        var ok = UcxlAddress.TryParse(null, out var address, out var error);

        Assert.False(ok);
        Assert.Null(address);
        Assert.Equal(new UcxlParseError(UcxlAddressPart.Address, "is null"), error);
    }

    [Fact]
    public void AHugeInputIsRejectedWithoutLookingAtItsContent()
    {
        var huge = "ucxl://a:r@p:t/" + new string('\0', 10_000_000);

        var ok = UcxlAddress.TryParse(huge, out _, out var error);

        Assert.False(ok);
        Assert.Equal(UcxlAddressPart.Address, error!.Part);
    }

    [Fact]
    public void AnErrorFormatsAsPartColonMessage()
    {
        UcxlAddress.TryParse("ucxl://a:a b@p:t/x", out _, out var error);

        Assert.Equal("role: must match [A-Za-z0-9_-]+ or be 'any' (got 'a b')", error!.ToString());
    }

    [Fact]
    public void AnErrorQuotesLongInputShortened()
    {
        UcxlAddress.TryParse("ucxl://" + new string('!', 200) + ":r@p:t/x", out _, out var error);

        Assert.Equal(UcxlAddressPart.Agent, error!.Part);
        Assert.True(error.Message.Length < 200, error.Message);
        Assert.EndsWith("…')", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AComponentLongerThanTheLimitIsRejected()
    {
        var ok = UcxlAddress.TryParse("ucxl://a:r@" + new string('p', UcxlAddress.MaxComponentLength + 1) + ":t/x", out _, out var error);

        Assert.False(ok);
        Assert.Equal(UcxlAddressPart.Project, error!.Part);
        Assert.Contains("at most 256", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AnyIsAWildcardOnlyInLowerCase()
    {
        var address = UcxlAddress.Parse("ucxl://ANY:Any@any:aNy/");

        Assert.False(UcxlAddress.IsAny(address.Agent));
        Assert.False(UcxlAddress.IsAny(address.Role));
        Assert.True(UcxlAddress.IsAny(address.Project));
        Assert.False(UcxlAddress.IsAny(address.Task));
    }

    [Fact]
    public void AnAsOfSelectorKeepsTheInstantAndItsOffset()
    {
        var address = UcxlAddress.Parse("ucxl://a:r@p:t/2026-11-27T10:00:00.123+02:00/src");

        Assert.Equal(TemporalKind.AsOf, address.Temporal!.Kind);
        Assert.Equal(new DateTimeOffset(2026, 11, 27, 10, 0, 0, 123, TimeSpan.FromHours(2)), address.Temporal.Instant);
        Assert.Equal(TimeSpan.FromHours(2), address.Temporal.Instant!.Value.Offset);
    }
}
