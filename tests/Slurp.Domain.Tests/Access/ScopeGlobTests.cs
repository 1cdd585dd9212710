using Slurp.Domain.Access;

namespace Slurp.Domain.Tests.Access;

public sealed class ScopeGlobTests
{
    public static TheoryData<string, string, bool> MatchTable => new()
    {
        // "/**" covers everything, the root included.
        { "/**", "/", true },
        { "/**", "/a", true },
        { "/**", "/a/b/c", true },

        // "/api/**" covers /api and below, nothing beside it.
        { "/api/**", "/api", true },
        { "/api/**", "/api/x", true },
        { "/api/**", "/api/x/y", true },
        { "/api/**", "/apix", false },
        { "/api/**", "/ap", false },
        { "/api/**", "/", false },
        { "/api/**", "/x/api", false },
        { "/api/**", "/API", false },

        // "*" stays inside one segment.
        { "/docs/*.md", "/docs/readme.md", true },
        { "/docs/*.md", "/docs/.md", true },
        { "/docs/*.md", "/docs/readme.txt", false },
        { "/docs/*.md", "/docs/a/b.md", false },
        { "/docs/*.md", "/docs", false },
        { "/*", "/x", true },
        { "/*", "/", false },
        { "/*", "/x/y", false },
        { "/a*b*c", "/abc", true },
        { "/a*b*c", "/aXbYc", true },
        { "/a*b*c", "/acb", false },
        { "/a*bc*bc", "/abcbc", true },
        { "/a*bc*bc", "/abc", false },

        // "**" in the middle or at the front matches zero or more segments.
        { "/a/**/b", "/a/b", true },
        { "/a/**/b", "/a/x/y/b", true },
        { "/a/**/b", "/a/x/b/c", false },
        { "/**/*.md", "/a.md", true },
        { "/**/*.md", "/x/y/a.md", true },
        { "/**/*.md", "/x/y/a.txt", false },

        // No wildcards: exactly that path.
        { "/src/main.go", "/src/main.go", true },
        { "/src/main.go", "/src", false },
        { "/src/main.go", "/src/main.go/x", false },
        { "/", "/", true },
        { "/", "/a", false },

        // Other glob syntax is literal; dot-prefixed segments are ordinary.
        { "/a?b", "/a?b", true },
        { "/a?b", "/axb", false },
        { "/[x]", "/[x]", true },
        { "/.ci/**", "/.ci/pipeline.yml", true },
    };

    [Theory]
    [MemberData(nameof(MatchTable))]
    public void Matches_FollowsTheGlobTable(string pattern, string path, bool expected) =>
        Assert.Equal(expected, ScopeGlob.Parse(pattern).Matches(path));

    public static TheoryData<string?, string> BadPatterns => new()
    {
        { null, "A scope must not be empty" },
        { "", "A scope must not be empty" },
        { "api/**", "\"api/**\" is relative" },
        { "**", "\"**\" is relative" },
        { "/api/", "must not end with '/'" },
        { "//", "must not end with '/'" },
        { "/api//x", "segment 2 of \"/api//x\" is empty" },
        { "/api/./x", "segment 2 of \"/api/./x\" is \".\"" },
        { "/api/../x", "segment 2 of \"/api/../x\" is \"..\"" },
        { "/..", "segment 1 of \"/..\" is \"..\"" },
        { "/a**", "'**' must be a whole path segment; segment 1 of \"/a**\" is \"a**\"" },
        { "/x/***", "'**' must be a whole path segment; segment 2 of \"/x/***\" is \"***\"" },
        { "/a\u0007b", "found U+0007 at position 2" },
        { "/a\nb", "found U+000A at position 2" },
        { "/a\u007Fb", "found U+007F at position 2" },
    };

    [Theory]
    [MemberData(nameof(BadPatterns))]
    public void TryParse_InvalidPattern_IsRejectedWithAPreciseError(string? pattern, string expectedError)
    {
        Assert.False(ScopeGlob.TryParse(pattern, out var glob, out var error));
        Assert.Null(glob);
        Assert.Contains(expectedError, error, StringComparison.Ordinal);
    }

    [Fact]
    public void TryParse_PatternOverTheByteLimit_IsRejected()
    {
        var pattern = "/" + new string('a', ScopeGlob.MaxPatternBytes);

        Assert.False(ScopeGlob.TryParse(pattern, out _, out var error));
        Assert.Contains("at most 4096 bytes", error, StringComparison.Ordinal);
    }

    [Fact]
    public void TryParse_PatternAtTheByteLimit_IsAccepted() =>
        Assert.True(ScopeGlob.TryParse("/" + new string('a', ScopeGlob.MaxPatternBytes - 1), out _, out _));

    [Fact]
    public void TryParse_RootPattern_IsAccepted()
    {
        Assert.True(ScopeGlob.TryParse("/", out var glob, out var error));
        Assert.Equal("/", glob.Pattern);
        Assert.Null(error);
    }

    [Fact]
    public void Parse_InvalidPattern_ThrowsFormatExceptionWithTheError()
    {
        var exception = Assert.Throws<FormatException>(() => ScopeGlob.Parse("api"));
        Assert.Contains("is relative", exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/**")]
    [InlineData("/api/**")]
    [InlineData("/docs/*.md")]
    [InlineData("/")]
    public void ToString_IsThePatternAsWritten(string pattern) =>
        Assert.Equal(pattern, ScopeGlob.Parse(pattern).ToString());

    [Fact]
    public void Equals_GlobsWithTheSamePattern_AreEqual()
    {
        var first = ScopeGlob.Parse("/api/**");
        var second = ScopeGlob.Parse("/api/**");

        Assert.Equal(first, second);
        Assert.Equal(first.GetHashCode(), second.GetHashCode());
    }

    [Fact]
    public void Equals_GlobsWithDifferentPatterns_AreNotEqual() =>
        Assert.NotEqual(ScopeGlob.Parse("/api/**"), ScopeGlob.Parse("/api/*"));

    [Fact]
    public void Matches_ManyGlobStarsAgainstALongPath_AnswersWithoutBacktracking()
    {
        var glob = ScopeGlob.Parse(string.Concat(Enumerable.Repeat("/**/a", 40)) + "/b");
        var path = string.Concat(Enumerable.Repeat("/a", 400));

        Assert.False(glob.Matches(path));
    }

    [Fact]
    public void Matches_ManyStarsInOneSegmentAgainstALongSegment_AnswersWithoutBacktracking()
    {
        var glob = ScopeGlob.Parse("/" + string.Concat(Enumerable.Repeat("*a", 40)) + "*b");
        var path = "/" + new string('a', 4000);

        Assert.False(glob.Matches(path));
    }

    [Theory]
    [InlineData("")]
    [InlineData("api")]
    public void Matches_PathThatIsNotAbsolute_MatchesNothing(string path) =>
        Assert.False(ScopeGlob.Parse("/**").Matches(path));
}
