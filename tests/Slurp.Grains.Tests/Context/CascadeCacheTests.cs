using Microsoft.Extensions.DependencyInjection;
using Slurp.Abstractions.Context;
using Slurp.Domain.Addresses;
using Slurp.Grains.Context;
using static Slurp.Grains.Tests.Context.TestNodes;

namespace Slurp.Grains.Tests.Context;

/// <summary>
/// Each silo's <see cref="CascadeCache"/>: within a lease it answers without asking the node, and every change to
/// the node's cascade version (write, rollback, deletion, branch, shredding) reaches every silo's copy before the
/// change is acknowledged — the lease alone would keep the old version for a second.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class CascadeCacheTests(ClusterFixture fixture)
{
    private readonly NodeKey _key = UniqueKey("/src");

    private IContextNodeGrain NodeGrain => Node(fixture.Client, _key);

    private CascadeCache Cache(int silo) => fixture.Cluster.Silos[silo].ServiceProvider.GetRequiredService<CascadeCache>();

    private Task<StoredVersion?> CachedAsync(int silo, string branch = "main") => Cache(silo).GetAsync(_key.ToGrainKey(), branch, Roles, default);

    [Fact]
    public async Task WithinTheLeaseTheCacheAnswersWithoutAskingTheNode()
    {
        await NodeGrain.WriteAsync(Write("h1"));
        var (hits, misses) = (Cache(0).Hits, Cache(0).Misses);

        var first = await CachedAsync(0);
        var second = await CachedAsync(0);

        Assert.Equal(1, first!.Version);
        Assert.Same(first, second);
        Assert.Equal(misses + 1, Cache(0).Misses);
        Assert.Equal(hits + 1, Cache(0).Hits);
        Assert.Equal("summary h1", Assert.Single(first.Layers).Content!.Summary);
    }

    [Fact]
    public async Task ACopyIsFoundForTheSameRolesInAnyOrderAndNotForOthers()
    {
        var content = Content("h1") with { Readers = ["backend", "frontend"] };
        await NodeGrain.WriteAsync(Write("h1") with { Content = content with { Layers = [content.Layers[0] with { Readers = ["backend", "frontend"] }] } });
        var key = _key.ToGrainKey();
        var misses = Cache(0).Misses;

        var sorted = await Cache(0).GetAsync(key, "main", ["backend", "frontend"], default);
        var reversed = await Cache(0).GetAsync(key, "main", ["frontend", "backend"], default);
        var one = await Cache(0).GetAsync(key, "main", ["backend"], default);

        Assert.Same(sorted, reversed);
        Assert.NotSame(sorted, one);
        Assert.Equal(misses + 2, Cache(0).Misses);
    }

    [Fact]
    public async Task AnAcknowledgedWriteIsSeenAtOnceOnEverySilo()
    {
        await NodeGrain.WriteAsync(Write("h1"));
        Assert.Equal(1, (await CachedAsync(0))!.Version);
        Assert.Equal(1, (await CachedAsync(1))!.Version);

        await NodeGrain.WriteAsync(Write("h2"));

        Assert.Equal(2, (await CachedAsync(0))!.Version);
        Assert.Equal(2, (await CachedAsync(1))!.Version);
        Assert.Equal("summary h2", Assert.Single((await CachedAsync(1))!.Layers).Content!.Summary);
    }

    [Fact]
    public async Task ADeletionIsSeenAtOnce()
    {
        await NodeGrain.WriteAsync(Write("h1"));
        Assert.NotNull(await CachedAsync(1));

        await NodeGrain.DeleteAsync("main", By("deletion"));

        Assert.Null(await CachedAsync(1));
    }

    [Fact]
    public async Task ARollbackIsSeenAtOnce()
    {
        await NodeGrain.WriteAsync(Write("h1"));
        await NodeGrain.WriteAsync(Write("h2"));
        Assert.Equal(2, (await CachedAsync(0))!.Version);

        await NodeGrain.RollbackAsync("main", 1, By("rollback"));

        var current = await CachedAsync(0);
        Assert.Equal(3, current!.Version);
        Assert.Equal("summary h1", Assert.Single(current.Layers).Content!.Summary);
    }

    [Fact]
    public async Task ANewBranchReplacesTheFallbackToMainAtOnce()
    {
        await NodeGrain.WriteAsync(Write("h1"));
        await NodeGrain.WriteAsync(Write("h2"));
        Assert.Equal(2, (await CachedAsync(1, "feature"))!.Version);

        await NodeGrain.CreateBranchAsync("feature", 1, By("design_decision"));

        Assert.Equal(1, (await CachedAsync(1, "feature"))!.Version);
    }

    [Fact]
    public async Task AShreddedNodeIsGoneFromTheCacheAtOnce()
    {
        await NodeGrain.WriteAsync(Write("h1"));
        Assert.NotNull(await CachedAsync(0));

        await NodeGrain.ShredAsync(By("deletion"));

        Assert.Null(await CachedAsync(0));
    }

    [Fact]
    public async Task AnUnchangedWriteKeepsTheCopy()
    {
        await NodeGrain.WriteAsync(Write("h1"));
        await CachedAsync(0);
        var hits = Cache(0).Hits;

        Assert.Equal(MutationStatus.Unchanged, (await NodeGrain.WriteAsync(Write("h1"))).Status);
        await CachedAsync(0);

        Assert.Equal(hits + 1, Cache(0).Hits);
    }

    [Fact]
    public async Task AnInvalidationWhileTheAnswerIsOnItsWayKeepsTheAnswerOut()
    {
        await NodeGrain.WriteAsync(Write("h1"));
        var cache = Cache(0);

        // The node's call-back can overtake the answer it makes stale; the generation check then drops the answer.
        var asking = cache.GetAsync(_key.ToGrainKey(), "main", Roles, default);
        await cache.InvalidateAsync(_key.ToGrainKey());
        await asking;
        var misses = cache.Misses;
        await CachedAsync(0);

        Assert.Equal(misses + 1, cache.Misses);
    }
}
