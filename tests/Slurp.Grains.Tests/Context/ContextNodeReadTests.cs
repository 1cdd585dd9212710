using Slurp.Abstractions.Context;
using static Slurp.Grains.Tests.Context.TestNodes;

namespace Slurp.Grains.Tests.Context;

/// <summary>Reads of a node whose main branch holds versions 1, 2 and 3, written a minute apart.</summary>
[Collection(ClusterCollection.Name)]
public sealed class ContextNodeReadTests(ClusterFixture fixture) : IAsyncLifetime
{
    private readonly IContextNodeGrain _node = Fresh(fixture.Client);
    private readonly DateTimeOffset[] _writtenAt = new DateTimeOffset[3];

    public async Task InitializeAsync()
    {
        for (var i = 0; i < _writtenAt.Length; i++)
        {
            fixture.Clock.Advance(TimeSpan.FromMinutes(1));
            _writtenAt[i] = fixture.Clock.GetUtcNow();
            await _node.WriteAsync(Write($"h{i + 1}"));
        }
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Theory]
    [InlineData("Latest", 0, 3)]
    [InlineData("First", 0, 1)]
    [InlineData("Exact", 2, 2)]
    [InlineData("Back", 0, 3)]
    [InlineData("Back", 2, 1)]
    [InlineData("Forward", 0, 1)]
    [InlineData("Forward", 1, 2)]
    public async Task ReadSelectsTheVersionTheSelectorNames(string kind, int n, int expectedVersion)
    {
        var result = await _node.ReadAsync("main", new TemporalRequest { Kind = kind, N = n }, Roles);

        Assert.Equal(ReadStatus.Found, result.Status);
        Assert.Equal(expectedVersion, result.Version!.Version);
    }

    [Theory]
    [InlineData("Exact", 9, "version 9 does not exist; the latest is 3")]
    [InlineData("Back", 3, "~~3 goes back past the first version (the branch has 3 versions)")]
    [InlineData("Forward", 3, "^^3 goes forward past the latest version (the branch has 3 versions)")]
    public async Task ReadOutsideTheHistoryIsVersionNotFoundWithADetail(string kind, int n, string detail)
    {
        var result = await _node.ReadAsync("main", new TemporalRequest { Kind = kind, N = n }, Roles);

        Assert.Equal(ReadStatus.VersionNotFound, result.Status);
        Assert.Null(result.Version);
        Assert.Equal(detail, result.Detail);
    }

    [Fact]
    public async Task ReadAsOfTheInstantOfAWriteSelectsThatVersion()
    {
        var result = await _node.ReadAsync("main", new TemporalRequest { Kind = "AsOf", Instant = _writtenAt[1] }, Roles);

        Assert.Equal(2, result.Version!.Version);
    }

    [Fact]
    public async Task ReadAsOfAnInstantBetweenWritesSelectsTheEarlierVersion()
    {
        var result = await _node.ReadAsync("main", new TemporalRequest { Kind = "AsOf", Instant = _writtenAt[2].AddTicks(-1) }, Roles);

        Assert.Equal(2, result.Version!.Version);
    }

    [Fact]
    public async Task ReadAsOfAnInstantBeforeTheFirstWriteIsVersionNotFoundWithADetail()
    {
        var result = await _node.ReadAsync("main", new TemporalRequest { Kind = "AsOf", Instant = _writtenAt[0].AddSeconds(-1) }, Roles);

        Assert.Equal(ReadStatus.VersionNotFound, result.Status);
        Assert.StartsWith("no version existed at ", result.Detail);
    }

    [Fact]
    public async Task ReadOfAnUnknownBranchIsBranchNotFound()
    {
        var result = await _node.ReadAsync("feature", TemporalRequest.Latest, Roles);

        Assert.Equal(ReadStatus.BranchNotFound, result.Status);
        Assert.Equal("the node has no branch 'feature'", result.Detail);
    }

    [Fact]
    public async Task ReadOfANodeNeverWrittenIsNodeNotFound()
    {
        var result = await Fresh(fixture.Client).ReadAsync("main", TemporalRequest.Latest, Roles);

        Assert.Equal(ReadStatus.NodeNotFound, result.Status);
    }

    [Fact]
    public async Task HistoryListsTheBranchNewestFirst()
    {
        var history = await _node.GetHistoryAsync("main");

        Assert.Equal([3, 2, 1], Numbers(history));
    }

    [Fact]
    public async Task HistoryOfAnUnknownBranchIsEmpty()
    {
        var history = await _node.GetHistoryAsync("feature");

        Assert.Empty(history);
    }
}
