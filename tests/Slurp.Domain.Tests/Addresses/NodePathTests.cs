using System.Text;
using Slurp.Domain.Addresses;

namespace Slurp.Domain.Tests.Addresses;

public sealed class NodePathTests
{
    public static TheoryData<string> ValidPaths { get; } =
    [
        "/",
        "/src",
        "/src/api/users.go",
        "/docs/read me.md",
        "/ü/日本語/😀",
        "/a:b/*c/~~d/^^e/2026-11-27T10:00:00Z",
        "/.hidden/...",
        "/" + new string('x', NodePath.MaxUtf8Bytes - 1),
        "/" + new string('é', (NodePath.MaxUtf8Bytes / 2) - 1),
    ];

    /// <summary>Text and a fragment the error must contain.</summary>
    public static TheoryData<string?, string> InvalidPaths { get; } = new()
    {
        { null, "path is null" },
        { "", "path is empty" },
        { "src", "must start with '/' (got 'src')" },
        { "//", "path segment 1 is empty" },
        { "/a//b", "path segment 2 is empty" },
        { "/a/", "path ends with '/': trailing slashes are not allowed" },
        { "/.", "path segment 1 is '.': relative segments are not allowed" },
        { "/a/b/..", "path segment 3 is '..': relative segments are not allowed" },
        { "/a\u0000", "path segment 1 'a\\u0000' contains control character U+0000 at position 2" },
        { "/a/\u0085", "control character U+0085" },
        { "/*^", "path segment 1 '*^' looks like a temporal selector" },
        { "/*anything", "looks like a temporal selector" },
        { "/~~x/y", "looks like a temporal selector" },
        { "/^^", "looks like a temporal selector" },
        { "/2026-11-27Tnotes", "looks like a temporal selector" },
        { "/" + new string('x', NodePath.MaxUtf8Bytes), "longer than 4096 bytes" },
        { "/" + new string('é', NodePath.MaxUtf8Bytes / 2), "4097 bytes of UTF-8; at most 4096 are allowed" },
    };

    /// <summary>Lone surrogates: xunit cannot serialize them into separate cases, so rows run at execution.</summary>
    public static TheoryData<string, string> LoneSurrogatePaths { get; } = new()
    {
        { "/x/\uD83D", "path segment 2 '\\uD83D' contains an unpaired UTF-16 surrogate U+D83D at position 1" },
        { "/\uDE00\uD83D", "path segment 1 '\\uDE00\\uD83D' contains an unpaired UTF-16 surrogate U+DE00 at position 1" },
        { "/ok\uD83D\uDE00\uD83Dz", "unpaired UTF-16 surrogate U+D83D at position 5" },
    };

    [Theory]
    [MemberData(nameof(ValidPaths))]
    public void AValidPathParsesToItsOwnText(string text)
    {
        Assert.True(NodePath.TryParse(text, out var path, out var error), error);
        Assert.Equal(text, path!.Value);
        Assert.Equal(text, path.ToString());
        Assert.True(Encoding.UTF8.GetByteCount(text) <= NodePath.MaxUtf8Bytes);
    }

    [Theory]
    [MemberData(nameof(InvalidPaths))]
    public void AnInvalidPathIsRejectedWithAPreciseError(string? text, string fragment)
    {
        Assert.False(NodePath.TryParse(text, out var path, out var error));
        Assert.Null(path);
        Assert.Contains(fragment, error, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(LoneSurrogatePaths), DisableDiscoveryEnumeration = true)]
    public void ALoneSurrogateIsRejectedWithItsPosition(string text, string fragment)
    {
        Assert.False(NodePath.TryParse(text, out _, out var error));
        Assert.Contains(fragment, error, StringComparison.Ordinal);
    }

    [Fact]
    public void ParseThrowsAnArgumentExceptionWithTheError()
    {
        var exception = Assert.Throws<ArgumentException>(() => NodePath.Parse("/a/../b"));

        Assert.Contains("path segment 2 is '..'", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TheRootHasNoSegmentsNoParentAndAnEmptyName()
    {
        var root = NodePath.Parse("/");

        Assert.Same(NodePath.Root, root);
        Assert.True(root.IsRoot);
        Assert.Equal(0, root.Depth);
        Assert.Empty(root.Segments);
        Assert.Null(root.Parent);
        Assert.Equal(string.Empty, root.Name);
        Assert.Empty(root.AncestorsFromRoot());
    }

    [Fact]
    public void APathExposesItsSegmentsDepthAndName()
    {
        var path = NodePath.Parse("/src/api/users.go");

        Assert.Equal(["src", "api", "users.go"], path.Segments);
        Assert.Equal(3, path.Depth);
        Assert.False(path.IsRoot);
        Assert.Equal("users.go", path.Name);
    }

    [Fact]
    public void TheParentIsTheContainingFolder()
    {
        Assert.Equal(NodePath.Parse("/a/b"), NodePath.Parse("/a/b/c").Parent);
        Assert.Equal(NodePath.Root, NodePath.Parse("/a").Parent);
    }

    [Fact]
    public void AncestorsRunFromTheRootDownToTheParentExcludingSelf()
    {
        var ancestors = NodePath.Parse("/a/b/c").AncestorsFromRoot();

        Assert.Equal(["/", "/a", "/a/b"], ancestors.Select(a => a.Value));
    }

    [Fact]
    public void AChildAppendsOneSegment()
    {
        Assert.Equal(NodePath.Parse("/src"), NodePath.Root.Child("src"));
        Assert.Equal(NodePath.Parse("/src/api v2"), NodePath.Parse("/src").Child("api v2"));
    }

    [Theory]
    [InlineData("", "is empty")]
    [InlineData("..", "relative segments")]
    [InlineData("a/b", "contains '/'")]
    [InlineData("a\u0001", "control character U+0001")]
    public void AChildSegmentIsValidated(string segment, string fragment)
    {
        var exception = Assert.Throws<ArgumentException>(() => NodePath.Parse("/src").Child(segment));

        Assert.Contains(fragment, exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AChildOfTheRootMayNotLookTemporal()
    {
        var exception = Assert.Throws<ArgumentException>(() => NodePath.Root.Child("*^"));

        Assert.Contains("looks like a temporal selector", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ADeeperChildMayLookTemporal()
    {
        Assert.Equal("/src/*^", NodePath.Parse("/src").Child("*^").Value);
    }

    [Fact]
    public void AChildThatMakesThePathTooLongIsRejected()
    {
        var parent = NodePath.Parse("/" + new string('x', NodePath.MaxUtf8Bytes - 2));

        var exception = Assert.Throws<ArgumentException>(() => parent.Child("y"));

        Assert.Contains("4097 bytes", exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/a/b", "/a/b", true)]
    [InlineData("/a/b", "/a", true)]
    [InlineData("/a/b", "/", true)]
    [InlineData("/", "/", true)]
    [InlineData("/a", "/a/b", false)]
    [InlineData("/ab", "/a", false)]
    [InlineData("/a/bc", "/a/b", false)]
    [InlineData("/", "/a", false)]
    public void IsSameOrBelowFollowsSegmentsNotCharacters(string path, string other, bool expected)
    {
        Assert.Equal(expected, NodePath.Parse(path).IsSameOrBelow(NodePath.Parse(other)));
    }

    [Fact]
    public void EqualityIsOrdinalOnTheValue()
    {
        var a = NodePath.Parse("/src/Api");

        Assert.Equal(NodePath.Parse("/src/Api"), a);
        Assert.True(a == NodePath.Parse("/src/Api"));
        Assert.Equal(NodePath.Parse("/src/Api").GetHashCode(), a.GetHashCode());
        Assert.NotEqual(NodePath.Parse("/src/api"), a);
        Assert.True(a != NodePath.Parse("/src/api"));
    }

    [Fact]
    public void EqualityDoesNotNormalizeUnicode()
    {
        // "é" precomposed (NFC) and as e + combining acute (NFD) are different paths.
        Assert.NotEqual(NodePath.Parse("/caf\u00e9"), NodePath.Parse("/cafe\u0301"));
    }

    [Fact]
    public void TheSegmentsCannotBeChangedThroughTheList()
    {
        var path = NodePath.Parse("/a/b");

        Assert.False(path.Segments is string[]);
        Assert.True(path.Segments is ICollection<string> { IsReadOnly: true });
    }
}
