using System.Diagnostics;
using Orleans.Core.Internal;
using Slurp.Abstractions.Context;
using Slurp.Domain.Addresses;
using Slurp.Grains.Context;
using static Slurp.Grains.Tests.Context.TestNodes;

namespace Slurp.Grains.Tests.Context;

/// <summary>
/// The node's side of the ancestor cache: it calls back the holders of a lease before it acknowledges a change, waits
/// out a holder that does not answer, and after it moved waits out the leases its previous activation may have granted.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class CascadeLeaseTests(ClusterFixture fixture)
{
    private readonly NodeKey _key = UniqueKey("/src");

    private IContextNodeGrain NodeGrain => Node(fixture.Client, _key);

    [Fact]
    public async Task AHolderIsCalledBackBeforeTheWriteIsAcknowledged()
    {
        var holder = await LeasedToAsync(new RecordingHolder());

        var clock = Stopwatch.StartNew();
        await NodeGrain.WriteAsync(Write("h2"));

        Assert.Equal([_key.ToGrainKey()], holder.Calls);
        Assert.True(clock.Elapsed < CascadeLeases.Lease * 0.8, $"the write took {clock.Elapsed} although the holder answered");
    }

    [Fact]
    public async Task AHolderIsCalledBackOnceAndNotAfterItsLeaseIsEnded()
    {
        var holder = await LeasedToAsync(new RecordingHolder());

        await NodeGrain.WriteAsync(Write("h2"));
        await NodeGrain.WriteAsync(Write("h3"));

        Assert.Single(holder.Calls);
    }

    [Fact]
    public async Task AHolderThatDoesNotAnswerIsWaitedOut()
    {
        await LeasedToAsync(new SilentHolder());

        var clock = Stopwatch.StartNew();
        var result = await NodeGrain.WriteAsync(Write("h2"));

        Assert.Equal(MutationStatus.Updated, result.Status);
        Assert.True(clock.Elapsed >= CascadeLeases.Lease * 0.7, $"the write took {clock.Elapsed}: it did not wait out the silent holder's lease");
    }

    [Fact]
    public async Task AHolderWhoseCallBackFailsIsWaitedOut()
    {
        var failing = await LeasedToAsync(new FailingHolder());

        var clock = Stopwatch.StartNew();
        var result = await NodeGrain.WriteAsync(Write("h2"));

        Assert.Equal(MutationStatus.Updated, result.Status);
        Assert.True(failing.Called);
        Assert.True(clock.Elapsed >= CascadeLeases.Lease * 0.7, $"the write took {clock.Elapsed}: it did not wait out the failed holder's lease");
    }

    [Fact]
    public async Task AFolderThatMovedWaitsOutItsPredecessorsLeasesOnce()
    {
        await NodeGrain.WriteAsync(Write("h1"));
        await NodeGrain.RegisterChildAsync("x");
        await MoveAsync();

        // The new activation cannot know whom the previous one leased its version to.
        var clock = Stopwatch.StartNew();
        await NodeGrain.WriteAsync(Write("h2"));
        var first = clock.Elapsed;
        clock.Restart();
        await NodeGrain.WriteAsync(Write("h3"));

        Assert.True(first >= CascadeLeases.Lease * 0.4, $"the first write after the move took {first}: it did not wait");
        Assert.True(clock.Elapsed < CascadeLeases.Lease * 0.4, $"the second write took {clock.Elapsed}: it waited again");
    }

    [Fact]
    public async Task AFolderWhoseFirstChildCameInThisActivationDoesNotWait()
    {
        // Activated by its first child's registration: no earlier activation can have leased it as an ancestor.
        await NodeGrain.RegisterChildAsync("x");

        var clock = Stopwatch.StartNew();
        await NodeGrain.WriteAsync(Write("h1"));

        Assert.True(clock.Elapsed < CascadeLeases.Lease * 0.4, $"the write took {clock.Elapsed}: it waited for leases nobody can hold");
    }

    [Fact]
    public async Task ANodeWithoutChildrenDoesNotWaitAfterItMoved()
    {
        await NodeGrain.WriteAsync(Write("h1"));
        await MoveAsync();

        var clock = Stopwatch.StartNew();
        await NodeGrain.WriteAsync(Write("h2"));

        Assert.True(clock.Elapsed < CascadeLeases.Lease * 0.4, $"the write took {clock.Elapsed}: a leaf waited for leases nobody holds");
    }

    /// <summary>Writes the node's first version and leases it to <paramref name="holder"/> (through the client).</summary>
    private async Task<T> LeasedToAsync<T>(T holder)
        where T : ICascadeCacheObserver
    {
        await NodeGrain.WriteAsync(Write("h1"));
        await NodeGrain.LeaseCascadeVersionAsync("main", Roles, fixture.Client.CreateObjectReference<ICascadeCacheObserver>(holder));
        return holder;
    }

    /// <summary>Ends the node's activation, so its next call activates it afresh.</summary>
    private async Task MoveAsync()
    {
        await NodeGrain.Cast<IGrainManagementExtension>().DeactivateOnIdle();
        await Task.Delay(200);
    }

    private sealed class RecordingHolder : ICascadeCacheObserver
    {
        public List<string> Calls { get; } = [];

        public Task InvalidateAsync(string nodeKey)
        {
            lock (Calls)
            {
                Calls.Add(nodeKey);
            }

            return Task.CompletedTask;
        }
    }

    private sealed class FailingHolder : ICascadeCacheObserver
    {
        public bool Called { get; private set; }

        public Task InvalidateAsync(string nodeKey)
        {
            Called = true;
            throw new InvalidOperationException("the holder's silo is shutting down");
        }
    }

    private sealed class SilentHolder : ICascadeCacheObserver
    {
        public Task InvalidateAsync(string nodeKey) => new TaskCompletionSource().Task;
    }
}
