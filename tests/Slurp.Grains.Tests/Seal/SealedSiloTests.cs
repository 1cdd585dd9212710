using Microsoft.Extensions.DependencyInjection;
using Slurp.Abstractions.Context;
using Slurp.Grains.Seal;
using static Slurp.Grains.Tests.Context.TestNodes;

namespace Slurp.Grains.Tests.Seal;

/// <summary>A node on a silo that is sealed after its first version; every test unseals the silo again.</summary>
[Collection(SingleSiloClusterCollection.Name)]
public sealed class SealedSiloTests(SingleSiloClusterFixture fixture) : IAsyncLifetime
{
    private readonly IContextNodeGrain _node = Fresh(fixture.Client);

    public async Task InitializeAsync()
    {
        await _node.WriteAsync(Write("h1"));
        fixture.SiloServices.GetRequiredService<SealVault>().Seal();
    }

    public Task DisposeAsync()
    {
        TestSeal.Unseal(fixture.SiloServices);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task AWriteOnASealedSiloThrowsSealedException()
    {
        await Assert.ThrowsAsync<SealedException>(() => _node.WriteAsync(Write("h2")));
    }

    [Fact]
    public async Task AWriteRefusedWhileSealedAppendsNothing()
    {
        await Assert.ThrowsAsync<SealedException>(() => _node.WriteAsync(Write("h2")));

        var history = Numbers(await _node.GetHistoryAsync("main"));
        Assert.Equal([1], history);
    }

    [Fact]
    public async Task AReadOnASealedSiloThrowsSealedException()
    {
        await Assert.ThrowsAsync<SealedException>(() => _node.ReadAsync("main", TemporalRequest.Latest, Roles));
    }

    [Fact]
    public async Task AfterUnsealingTheNodeIsWritableAndReadableAgain()
    {
        TestSeal.Unseal(fixture.SiloServices);

        await _node.WriteAsync(Write("h2"));

        Assert.Equal("summary h2", (await ReadContentAsync(_node, TemporalRequest.Latest)).Summary);
    }
}
