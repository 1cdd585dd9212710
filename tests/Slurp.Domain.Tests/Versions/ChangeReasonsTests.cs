using Slurp.Domain.Versions;

namespace Slurp.Domain.Tests.Versions;

public sealed class ChangeReasonsTests
{
    // DESIGN.md "Versions", typed out independently of the code under test.
    private static readonly string[] DesignNames =
    [
        "initial_creation", "code_change", "design_decision", "refactoring", "architecture_change",
        "requirements_change", "learning_evolution", "rag_enhancement", "team_input", "bug_discovery",
        "performance_insight", "security_review", "rollback", "deletion",
    ];

    public static TheoryData<ChangeReason> AllReasons => new(Enum.GetValues<ChangeReason>());

    public static TheoryData<string> AllDesignNames => new(DesignNames);

    [Theory]
    [MemberData(nameof(AllReasons))]
    public void ToWireThenTryParse_EveryReason_RoundTrips(ChangeReason reason)
    {
        Assert.True(ChangeReasons.TryParse(ChangeReasons.ToWire(reason), out var parsed));
        Assert.Equal(reason, parsed);
    }

    [Theory]
    [MemberData(nameof(AllDesignNames))]
    public void TryParseThenToWire_EveryDesignName_RoundTrips(string name)
    {
        Assert.True(ChangeReasons.TryParse(name, out var reason));
        Assert.Equal(name, ChangeReasons.ToWire(reason));
    }

    [Fact]
    public void WireNames_AreTheDesignNamesInEnumOrder() =>
        Assert.Equal(DesignNames, ChangeReasons.WireNames);

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("InitialCreation")]
    [InlineData("initial-creation")]
    [InlineData("Rollback")]
    [InlineData("ROLLBACK")]
    [InlineData(" rollback")]
    [InlineData("rollback ")]
    [InlineData("0")]
    [InlineData("merge")]
    public void TryParse_AnythingButAnExactWireName_IsRejected(string? text) =>
        Assert.False(ChangeReasons.TryParse(text, out _));

    [Fact]
    public void ToWire_UndefinedReason_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => ChangeReasons.ToWire((ChangeReason)99));
}
