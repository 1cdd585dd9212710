using Microsoft.Extensions.DependencyInjection;
using Slurp.Abstractions.Context;
using Slurp.Grains.Context;
using Slurp.Grains.Seal;
using static Slurp.Grains.Tests.Context.TestNodes;

namespace Slurp.Grains.Tests.Seal;

/// <summary>The ancestor cache holds decrypted layers: sealing the silo drops them (docs/security.md).</summary>
[Collection(SingleSiloClusterCollection.Name)]
public sealed class CascadeCacheSealTests(SingleSiloClusterFixture fixture)
{
    [Fact]
    public async Task SealingTheSiloDropsItsCachedCopies()
    {
        var key = UniqueKey("/src").ToGrainKey();
        await fixture.Client.GetGrain<IContextNodeGrain>(key).WriteAsync(Write("h1"));
        var cache = fixture.SiloServices.GetRequiredService<CascadeCache>();
        await cache.GetAsync(key, "main", Roles, default);
        Assert.True(cache.TryGet(key, "main", Roles, out var cached));
        Assert.Equal("summary h1", Assert.Single(cached!.Layers).Content!.Summary);

        fixture.SiloServices.GetRequiredService<SealVault>().Seal();
        try
        {
            Assert.False(cache.TryGet(key, "main", Roles, out _));
        }
        finally
        {
            TestSeal.Unseal(fixture.SiloServices);
        }
    }
}
