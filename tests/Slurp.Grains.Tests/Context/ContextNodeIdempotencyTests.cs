using Slurp.Abstractions.Context;
using static Slurp.Grains.Tests.Context.TestNodes;

namespace Slurp.Grains.Tests.Context;

[Collection(ClusterCollection.Name)]
public sealed class ContextNodeIdempotencyTests(ClusterFixture fixture)
{
    private readonly IContextNodeGrain _node = Fresh(fixture.Client);

    [Fact]
    public async Task RetryWithTheSameKeyAndRequestReplaysTheFirstAnswer()
    {
        var command = Write("h1", attribution: By(idempotencyKey: "k1", fingerprint: "f1"));
        var first = await _node.WriteAsync(command);

        var retry = await _node.WriteAsync(command);

        Assert.False(first.Replayed);
        Assert.True(retry.Replayed);
        Assert.Equal(first.Status, retry.Status);
        Assert.Equal(first.Version!.Version, retry.Version!.Version);
    }

    [Fact]
    public async Task RetryWithTheSameKeyAndRequestAppendsNoVersion()
    {
        await _node.WriteAsync(Write("h1"));
        var command = Write("h2", attribution: By(idempotencyKey: "k1", fingerprint: "f1"));
        await _node.WriteAsync(command);

        // A retry after a concurrent change must not be re-applied on top of it.
        await _node.WriteAsync(Write("h3"));
        var retry = await _node.WriteAsync(command);

        Assert.Equal(MutationStatus.Updated, retry.Status);
        Assert.Equal(2, retry.Version!.Version);
        var history = Numbers(await _node.GetHistoryAsync("main"));
        Assert.Equal([3, 2, 1], history);
    }

    [Fact]
    public async Task ReusingAKeyForAnotherRequestIsAnIdempotencyMismatch()
    {
        await _node.WriteAsync(Write("h1", attribution: By(idempotencyKey: "k1", fingerprint: "f1")));

        var result = await _node.WriteAsync(Write("h2", attribution: By(idempotencyKey: "k1", fingerprint: "f2")));

        Assert.Equal(MutationStatus.IdempotencyMismatch, result.Status);
        Assert.Equal("Idempotency-Key 'k1' was already used with a different request on this node", result.Detail);
        var history = Numbers(await _node.GetHistoryAsync("main"));
        Assert.Equal([1], history);
    }

    [Fact]
    public async Task KeysAreRememberedAcrossCommandKinds()
    {
        await _node.WriteAsync(Write("h1"));
        var deletion = By("deletion", idempotencyKey: "k1", fingerprint: "f1");
        await _node.DeleteAsync("main", deletion);

        var retry = await _node.DeleteAsync("main", deletion);

        Assert.True(retry.Replayed);
        Assert.Equal(MutationStatus.Updated, retry.Status);
        Assert.Equal(2, retry.Version!.Version);
    }

    [Fact]
    public async Task AnUnchangedAnswerIsReplayedToo()
    {
        await _node.WriteAsync(Write("h1"));
        var command = Write("h1", attribution: By(idempotencyKey: "k1", fingerprint: "f1"));
        await _node.WriteAsync(command);

        var retry = await _node.WriteAsync(command);

        Assert.True(retry.Replayed);
        Assert.Equal(MutationStatus.Unchanged, retry.Status);
    }

    [Fact]
    public async Task AKeyOlderThanTheRetentionIsTreatedAsNew()
    {
        await _node.WriteAsync(Write("h1", attribution: By(idempotencyKey: "k1", fingerprint: "f1")));
        fixture.Clock.Advance(TimeSpan.FromHours(25));

        var result = await _node.WriteAsync(Write("h2", attribution: By(idempotencyKey: "k1", fingerprint: "f2")));

        Assert.Equal(MutationStatus.Updated, result.Status);
        Assert.False(result.Replayed);
    }

    [Fact]
    public async Task TheOldestKeyIsForgottenOnceMoreThanTheLogHoldsHaveBeenUsed()
    {
        await _node.WriteAsync(Write("h1", attribution: By(idempotencyKey: "k0", fingerprint: "f0")));
        for (var i = 1; i <= 128; i++)
        {
            await _node.WriteAsync(Write("h1", attribution: By(idempotencyKey: $"k{i}", fingerprint: "f")));
        }

        var reuse = await _node.WriteAsync(Write("h2", attribution: By(idempotencyKey: "k0", fingerprint: "other")));

        Assert.Equal(MutationStatus.Updated, reuse.Status);
    }

    [Fact]
    public async Task TheNewestKeysAreStillRememberedWhenTheLogIsFull()
    {
        for (var i = 0; i <= 128; i++)
        {
            await _node.WriteAsync(Write("h1", attribution: By(idempotencyKey: $"k{i}", fingerprint: "f")));
        }

        var reuse = await _node.WriteAsync(Write("h2", attribution: By(idempotencyKey: "k1", fingerprint: "other")));

        Assert.Equal(MutationStatus.IdempotencyMismatch, reuse.Status);
    }
}
