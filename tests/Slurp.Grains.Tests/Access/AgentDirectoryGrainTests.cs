using Slurp.Abstractions.Access;

namespace Slurp.Grains.Tests.Access;

/// <summary>Each test uses its own directory activation (a unique key).</summary>
[Collection(ClusterCollection.Name)]
public sealed class AgentDirectoryGrainTests(ClusterFixture fixture)
{
    private readonly IAgentDirectoryGrain _directory =
        fixture.Client.GetGrain<IAgentDirectoryGrain>(IAgentDirectoryGrain.Key + "/test-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task CreatedAgentIsFoundByItsTokenHash()
    {
        var created = await _directory.CreateAsync(Agent("alice", "hash-a"));

        var found = await _directory.FindByTokenHashAsync("hash-a");

        Assert.True(created);
        Assert.Equal("alice", found!.AgentId);
        Assert.Equal(["backend"], found.Roles);
    }

    [Fact]
    public async Task UnknownTokenHashFindsNoAgent()
    {
        await _directory.CreateAsync(Agent("alice", "hash-a"));

        Assert.Null(await _directory.FindByTokenHashAsync("hash-b"));
    }

    [Fact]
    public async Task CreatingAnAgentWhoseIdIsActiveIsRefused()
    {
        await _directory.CreateAsync(Agent("alice", "hash-a"));

        var created = await _directory.CreateAsync(Agent("alice", "hash-b"));

        Assert.False(created);
        Assert.Null(await _directory.FindByTokenHashAsync("hash-b"));
        Assert.NotNull(await _directory.FindByTokenHashAsync("hash-a"));
    }

    [Fact]
    public async Task RevokedAgentIsNoLongerFoundByItsTokenHash()
    {
        await _directory.CreateAsync(Agent("alice", "hash-a"));

        var revoked = await _directory.RevokeAsync("alice");

        Assert.True(revoked);
        Assert.Null(await _directory.FindByTokenHashAsync("hash-a"));
    }

    [Fact]
    public async Task RevokingARevokedAgentReportsFalse()
    {
        await _directory.CreateAsync(Agent("alice", "hash-a"));
        await _directory.RevokeAsync("alice");

        Assert.False(await _directory.RevokeAsync("alice"));
    }

    [Fact]
    public async Task RevokingAnUnknownAgentReportsFalse()
    {
        Assert.False(await _directory.RevokeAsync("nobody"));
    }

    [Fact]
    public async Task RecreatingARevokedAgentSucceedsAndIsFoundByTheNewHash()
    {
        await _directory.CreateAsync(Agent("alice", "hash-a"));
        await _directory.RevokeAsync("alice");

        var created = await _directory.CreateAsync(Agent("alice", "hash-a2"));

        Assert.True(created);
        Assert.Equal("alice", (await _directory.FindByTokenHashAsync("hash-a2"))!.AgentId);
    }

    [Fact]
    public async Task RecreatingARevokedAgentLeavesTheOldHashRevoked()
    {
        await _directory.CreateAsync(Agent("alice", "hash-a"));
        await _directory.RevokeAsync("alice");

        await _directory.CreateAsync(Agent("alice", "hash-a2"));

        Assert.Null(await _directory.FindByTokenHashAsync("hash-a"));
    }

    [Fact]
    public async Task ActiveAgentsAreFoundAfterDeactivation()
    {
        await _directory.CreateAsync(Agent("alice", "hash-a"));

        await fixture.Cluster.DeactivateAsync(_directory);

        Assert.Equal("alice", (await _directory.FindByTokenHashAsync("hash-a"))!.AgentId);
    }

    [Fact]
    public async Task RevokedAgentsStayRevokedAfterDeactivation()
    {
        await _directory.CreateAsync(Agent("alice", "hash-a"));
        await _directory.RevokeAsync("alice");

        await fixture.Cluster.DeactivateAsync(_directory);

        Assert.Null(await _directory.FindByTokenHashAsync("hash-a"));
    }

    private AgentRecord Agent(string id, string tokenHash) =>
        new() { AgentId = id, Roles = ["backend"], TokenHash = tokenHash, CreatedAt = fixture.Clock.GetUtcNow() };
}
