using Slurp.Domain.Versions;

namespace Slurp.Domain.Tests.Versions;

public sealed class VersionHistoryTests
{
    private static readonly DateTimeOffset T0 = new(2024, 3, 1, 12, 0, 0, TimeSpan.Zero);

    // main: 1 ← 2 ← 3 ← 5; experiment forks from 2: 2 ← 4 ← 6.
    private static readonly TestVersion[] History =
    [
        new(1, null, BranchName.Main, T0),
        new(2, 1, BranchName.Main, T0.AddHours(1)),
        new(3, 2, BranchName.Main, T0.AddHours(2)),
        new(4, 2, "experiment", T0.AddHours(3)),
        new(5, 3, BranchName.Main, T0.AddHours(4)),
        new(6, 4, "experiment", T0.AddHours(5)),
    ];

    private static readonly IReadOnlyList<TestVersion> MainLineage = VersionHistory.Lineage(History, 5);

    [Fact]
    public void Lineage_MainHead_FollowsParentsNewestFirst() =>
        Assert.Equal([5, 3, 2, 1], Numbers(VersionHistory.Lineage(History, 5)));

    [Fact]
    public void Lineage_BranchHead_SharesTheVersionsBeforeTheFork() =>
        Assert.Equal([6, 4, 2, 1], Numbers(VersionHistory.Lineage(History, 6)));

    [Fact]
    public void Lineage_HeadInsideTheHistory_StartsAtThatVersion() =>
        Assert.Equal([2, 1], Numbers(VersionHistory.Lineage(History, 2)));

    [Fact]
    public void Lineage_EmptyHistory_IsEmpty() =>
        Assert.Empty(VersionHistory.Lineage(Array.Empty<TestVersion>(), 1));

    [Fact]
    public void Lineage_HeadNotInTheHistory_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => VersionHistory.Lineage(History, 7));

    [Fact]
    public void Lineage_ParentMissingFromTheHistory_Throws()
    {
        TestVersion[] corrupt = [new(1, null, BranchName.Main, T0), new(3, 2, BranchName.Main, T0)];

        Assert.Throws<InvalidOperationException>(() => VersionHistory.Lineage(corrupt, 3));
    }

    [Fact]
    public void Lineage_ParentNotOlderThanItsChild_ThrowsInsteadOfLooping()
    {
        TestVersion[] corrupt = [new(1, 2, BranchName.Main, T0), new(2, 1, BranchName.Main, T0)];

        Assert.Throws<InvalidOperationException>(() => VersionHistory.Lineage(corrupt, 2));
    }

    [Fact]
    public void Select_Latest_IsTheHeadOfTheLineage() =>
        Assert.Equal(5, Selected(TemporalQuery.Latest));

    [Fact]
    public void Select_First_IsTheOldestVersionOfTheLineage() =>
        Assert.Equal(1, Selected(TemporalQuery.First));

    [Fact]
    public void Select_ExactOnTheLineage_IsThatVersion() =>
        Assert.Equal(3, Selected(TemporalQuery.Exact(3)));

    [Fact]
    public void Select_ExactOnAnotherBranch_IsThatVersion() =>
        Assert.Equal(4, Selected(TemporalQuery.Exact(4)));

    [Fact]
    public void Select_ExactBeyondTheLatest_IsNotFoundNamingTheLatest() =>
        Assert.Equal("version 9 does not exist; the latest is 6", Detail(TemporalQuery.Exact(9)));

    [Fact]
    public void Select_ExactZero_IsNotFound() =>
        Assert.Equal("version 0 does not exist; the latest is 6", Detail(TemporalQuery.Exact(0)));

    [Theory]
    [InlineData(0, 5)]
    [InlineData(1, 3)]
    [InlineData(3, 1)]
    public void Select_Back_StepsAlongTheLineageFromTheHead(int steps, int expected) =>
        Assert.Equal(expected, Selected(TemporalQuery.Back(steps)));

    [Fact]
    public void Select_BackPastTheFirstVersion_IsNotFoundNamingTheBranchLength() =>
        Assert.Equal(
            "~~4 goes back past the first version (the branch has 4 versions)",
            Detail(TemporalQuery.Back(4)));

    [Fact]
    public void Select_BackPastASingleVersion_SaysOneVersion()
    {
        var lineage = VersionHistory.Lineage(History, 1);

        Assert.Equal(
            "~~1 goes back past the first version (the branch has 1 version)",
            VersionHistory.Select(History, lineage, TemporalQuery.Back(1)).Detail);
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(1, 2)]
    [InlineData(3, 5)]
    public void Select_Forward_StepsAlongTheLineageFromTheFirst(int steps, int expected) =>
        Assert.Equal(expected, Selected(TemporalQuery.Forward(steps)));

    [Fact]
    public void Select_ForwardPastTheLatestVersion_IsNotFoundNamingTheBranchLength() =>
        Assert.Equal(
            "^^4 goes forward past the latest version (the branch has 4 versions)",
            Detail(TemporalQuery.Forward(4)));

    [Fact]
    public void Select_ForwardOnABranch_CountsTheSharedVersions() =>
        Assert.Equal(
            4,
            VersionHistory.Select(History, VersionHistory.Lineage(History, 6), TemporalQuery.Forward(2)).Entry?.Version);

    [Fact]
    public void Select_AsOfExactlyACreationInstant_IsTheVersionWrittenThen() =>
        Assert.Equal(3, Selected(TemporalQuery.AsOf(T0.AddHours(2))));

    [Fact]
    public void Select_AsOfJustBeforeACreationInstant_IsTheVersionBefore() =>
        Assert.Equal(2, Selected(TemporalQuery.AsOf(T0.AddHours(2).AddTicks(-1))));

    [Fact]
    public void Select_AsOfAnInstantInAnotherOffset_ComparesTheInstant() =>
        Assert.Equal(3, Selected(TemporalQuery.AsOf(new DateTimeOffset(2024, 3, 1, 16, 0, 0, TimeSpan.FromHours(2)))));

    [Fact]
    public void Select_AsOfAfterTheHead_IsTheHead() =>
        Assert.Equal(5, Selected(TemporalQuery.AsOf(T0.AddYears(1))));

    [Fact]
    public void Select_AsOfSkipsVersionsOfOtherBranches() =>
        Assert.Equal(3, Selected(TemporalQuery.AsOf(T0.AddHours(3))));

    [Fact]
    public void Select_AsOfBeforeTheFirstVersion_IsNotFoundNamingWhenTheFirstWasWritten() =>
        Assert.Equal(
            "no version existed at 2020-01-01T00:00:00Z; the first was written at 2024-03-01T12:00:00Z",
            Detail(TemporalQuery.AsOf(new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero))));

    [Fact]
    public void Select_AsOfWithAFraction_ShowsTheFractionInTheDetail() =>
        Assert.Equal(
            "no version existed at 2020-01-01T00:00:00.25Z; the first was written at 2024-03-01T12:00:00Z",
            Detail(TemporalQuery.AsOf(new DateTimeOffset(2020, 1, 1, 0, 0, 0, 250, TimeSpan.Zero))));

    [Fact]
    public void Select_EmptyLineage_IsNotFoundBecauseTheNodeHasNoVersions()
    {
        var selection = VersionHistory.Select(Array.Empty<TestVersion>(), Array.Empty<TestVersion>(), TemporalQuery.Latest);

        Assert.False(selection.IsFound);
        Assert.Equal("the node has no versions", selection.Detail);
    }

    [Fact]
    public void Select_HeadIsATombstone_SelectsTheTombstone()
    {
        TestVersion[] deleted = [new(1, null, BranchName.Main, T0), new(2, 1, BranchName.Main, T0.AddHours(1), IsTombstone: true)];

        var selection = VersionHistory.Select(deleted, VersionHistory.Lineage(deleted, 2), TemporalQuery.Latest);

        Assert.True(selection.IsFound);
        Assert.True(selection.Entry.IsTombstone);
    }

    [Fact]
    public void Select_Found_HasNoDetail() =>
        Assert.Null(VersionHistory.Select(History, MainLineage, TemporalQuery.Latest).Detail);

    [Fact]
    public void NextVersion_EmptyHistory_IsOne() =>
        Assert.Equal(1, VersionHistory.NextVersion(Array.Empty<TestVersion>()));

    [Fact]
    public void NextVersion_IsOneMoreThanTheLastAppended() =>
        Assert.Equal(7, VersionHistory.NextVersion(History));

    [Fact]
    public void TemporalQuery_NegativeSteps_AreRejected() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => TemporalQuery.Back(-1));

    [Fact]
    public void TemporalQuery_ConstructedFromItsParts_EqualsTheFactoryResult() =>
        Assert.Equal(TemporalQuery.Exact(3), new TemporalQuery(TemporalQueryKind.Exact, 3, null));

    [Fact]
    public void TemporalQuery_AsOfWithoutAnInstant_IsRejected() =>
        Assert.Throws<ArgumentException>(() => new TemporalQuery(TemporalQueryKind.AsOf));

    [Fact]
    public void TemporalQuery_InstantOnAnotherKind_IsRejected() =>
        Assert.Throws<ArgumentException>(() => new TemporalQuery(TemporalQueryKind.Latest, 0, T0));

    [Fact]
    public void TemporalQuery_NumberOnAKindThatDoesNotCount_IsRejected() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new TemporalQuery(TemporalQueryKind.First, 2));

    [Fact]
    public void TemporalQuery_UndefinedKind_IsRejected() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new TemporalQuery((TemporalQueryKind)42));

    [Theory]
    [InlineData(TemporalQueryKind.Latest, 0, "*^")]
    [InlineData(TemporalQueryKind.First, 0, "*~")]
    [InlineData(TemporalQueryKind.Exact, 3, "*~3")]
    [InlineData(TemporalQueryKind.Back, 2, "~~2")]
    [InlineData(TemporalQueryKind.Forward, 1, "^^1")]
    public void TemporalQuery_ToString_IsTheSelectorNotation(TemporalQueryKind kind, int n, string expected)
    {
        var query = kind switch
        {
            TemporalQueryKind.Latest => TemporalQuery.Latest,
            TemporalQueryKind.First => TemporalQuery.First,
            TemporalQueryKind.Exact => TemporalQuery.Exact(n),
            TemporalQueryKind.Back => TemporalQuery.Back(n),
            _ => TemporalQuery.Forward(n),
        };

        Assert.Equal(expected, query.ToString());
    }

    private static int[] Numbers(IReadOnlyList<TestVersion> versions) => versions.Select(v => v.Version).ToArray();

    private static int Selected(TemporalQuery query)
    {
        var selection = VersionHistory.Select(History, MainLineage, query);
        Assert.True(selection.IsFound, selection.Detail);
        return selection.Entry.Version;
    }

    private static string Detail(TemporalQuery query)
    {
        var selection = VersionHistory.Select(History, MainLineage, query);
        Assert.False(selection.IsFound);
        return selection.Detail;
    }
}
