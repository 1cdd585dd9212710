using Slurp.Domain.Access;

namespace Slurp.Domain.Tests.Access;

public sealed class AccessLevelsTests
{
    public static TheoryData<AccessLevel, string> WireForms => new()
    {
        { AccessLevel.Low, "low" },
        { AccessLevel.Medium, "medium" },
        { AccessLevel.High, "high" },
        { AccessLevel.Critical, "critical" },
    };

    [Theory]
    [MemberData(nameof(WireForms))]
    public void ToWire_EachLevel_IsItsLowerCaseName(AccessLevel level, string wire) =>
        Assert.Equal(wire, AccessLevels.ToWire(level));

    [Theory]
    [MemberData(nameof(WireForms))]
    public void TryParse_EachWireName_ReturnsItsLevel(AccessLevel level, string wire)
    {
        Assert.True(AccessLevels.TryParse(wire, out var parsed));
        Assert.Equal(level, parsed);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("Low")]
    [InlineData("MEDIUM")]
    [InlineData(" high")]
    [InlineData("critical ")]
    [InlineData("1")]
    [InlineData("secret")]
    public void TryParse_AnythingButAnExactWireName_IsRejected(string? text) =>
        Assert.False(AccessLevels.TryParse(text, out _));

    [Fact]
    public void WireNames_ListsEveryLevelFromLeastToMostSensitive() =>
        Assert.Equal(["low", "medium", "high", "critical"], AccessLevels.WireNames);

    [Fact]
    public void ToWire_UndefinedLevel_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => AccessLevels.ToWire((AccessLevel)42));
}
