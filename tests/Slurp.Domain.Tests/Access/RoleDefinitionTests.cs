using Slurp.Domain.Access;

namespace Slurp.Domain.Tests.Access;

public sealed class RoleDefinitionTests
{
    [Theory]
    [InlineData("backend_developer")]
    [InlineData("a")]
    [InlineData("Team-7")]
    [InlineData("anyone")]
    [InlineData("0")]
    public void IsValidName_NameOfAllowedCharacters_IsAccepted(string name)
    {
        Assert.True(RoleDefinition.IsValidName(name, out var error));
        Assert.Null(error);
    }

    [Fact]
    public void IsValidName_NameOfSixtyFourCharacters_IsAccepted() =>
        Assert.True(RoleDefinition.IsValidName(new string('r', 64), out _));

    [Theory]
    [InlineData(null, "must not be empty")]
    [InlineData("", "must not be empty")]
    [InlineData("any", "\"any\" is the address wildcard")]
    [InlineData("ANY", "\"ANY\" is the address wildcard")]
    [InlineData("has space", "found U+0020 at position 3")]
    [InlineData("dot.name", "found '.' at position 3")]
    [InlineData("slash/name", "found '/' at position 5")]
    [InlineData("r\u00f6le", "found 'ö' at position 1")]
    [InlineData("tab\tname", "found U+0009 at position 3")]
    public void IsValidName_InvalidName_IsRejectedWithAPreciseError(string? name, string expectedError)
    {
        Assert.False(RoleDefinition.IsValidName(name, out var error));
        Assert.Contains(expectedError, error, StringComparison.Ordinal);
    }

    [Fact]
    public void IsValidName_NameOfSixtyFiveCharacters_IsRejected()
    {
        Assert.False(RoleDefinition.IsValidName(new string('r', 65), out var error));
        Assert.Contains("at most 64 characters", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/api", true)]
    [InlineData("/docs/guide.md", true)]
    [InlineData("/ui", false)]
    [InlineData("/", false)]
    public void Covers_IsTrueWhenAnyScopeMatches(string path, bool expected)
    {
        var role = Role("/api/**", "/docs/**");

        Assert.Equal(expected, role.Covers(path));
    }

    [Fact]
    public void Covers_RoleWithoutScopes_CoversNothing() =>
        Assert.False(Role().Covers("/"));

    [Fact]
    public void ContentEquals_SameContentInDifferentListInstances_IsTrue() =>
        Assert.True(Role("/api/**", "/docs/**").ContentEquals(Role("/api/**", "/docs/**")));

    [Fact]
    public void ContentEquals_ScopesInAnotherOrder_IsFalse() =>
        Assert.False(Role("/api/**", "/docs/**").ContentEquals(Role("/docs/**", "/api/**")));

    [Fact]
    public void ContentEquals_DifferentWritePermission_IsFalse() =>
        Assert.False(Role("/api/**").ContentEquals(Role("/api/**") with { CanWrite = false }));

    [Fact]
    public void ContentEquals_DifferentLevel_IsFalse() =>
        Assert.False(Role("/api/**").ContentEquals(Role("/api/**") with { AccessLevel = AccessLevel.High }));

    [Fact]
    public void ContentEquals_NameDifferingOnlyInCase_IsFalse() =>
        Assert.False(Role("/api/**").ContentEquals(Role("/api/**") with { Name = "Backend" }));

    [Fact]
    public void ContentEquals_Null_IsFalse() =>
        Assert.False(Role("/api/**").ContentEquals(null));

    private static RoleDefinition Role(params string[] scopes) =>
        new("backend", AccessLevel.Medium, scopes.Select(ScopeGlob.Parse).ToArray(), CanWrite: true);
}
