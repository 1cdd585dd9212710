using Slurp.Domain.Versions;

namespace Slurp.Domain.Tests.Versions;

public sealed class BranchNameTests
{
    [Theory]
    [InlineData(BranchName.Main)]
    [InlineData("experiment")]
    [InlineData("v1.2")]
    [InlineData("0-fix_x")]
    [InlineData("a")]
    [InlineData("A..b")]
    public void IsValid_NameOfAllowedCharacters_IsAccepted(string name)
    {
        Assert.True(BranchName.IsValid(name, out var error));
        Assert.Null(error);
    }

    [Fact]
    public void IsValid_NameOfSixtyFourCharacters_IsAccepted() =>
        Assert.True(BranchName.IsValid(new string('b', 64), out _));

    [Fact]
    public void IsValid_NameOfSixtyFiveCharacters_IsRejected()
    {
        Assert.False(BranchName.IsValid(new string('b', 65), out var error));
        Assert.Contains("at most 64 characters", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, "must not be empty")]
    [InlineData("", "must not be empty")]
    [InlineData("-x", "starts with a letter or digit; found '-'")]
    [InlineData(".x", "starts with a letter or digit; found '.'")]
    [InlineData("_x", "starts with a letter or digit; found '_'")]
    [InlineData("feature/x", "found '/' at position 7")]
    [InlineData("a b", "found U+0020 at position 1")]
    [InlineData("caf\u00e9", "found '\u00e9' at position 3")]
    [InlineData("a\u0000", "found U+0000 at position 1")]
    public void IsValid_InvalidName_IsRejectedWithAPreciseError(string? name, string expectedError)
    {
        Assert.False(BranchName.IsValid(name, out var error));
        Assert.Contains(expectedError, error, StringComparison.Ordinal);
    }
}
