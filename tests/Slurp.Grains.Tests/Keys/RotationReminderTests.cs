using Slurp.Abstractions.Keys;
using Slurp.Grains.Keys;
using static Slurp.Grains.Tests.Context.TestNodes;

namespace Slurp.Grains.Tests.Keys;

/// <summary>The role key grain's reminder, on a silo of its own whose clock can jump past key expiry.</summary>
[Collection(SingleSiloClusterCollection.Name)]
public sealed class RotationReminderTests(SingleSiloClusterFixture fixture)
{
    private readonly IRoleKeyGrain _keys = fixture.Client.GetGrain<IRoleKeyGrain>(RoleKeyGrain.KeyPrefix + UniqueRole());

    [Fact]
    public async Task TheReminderRotatesAKeyThatIsDue()
    {
        var first = await _keys.EnsureActiveAsync();

        fixture.Clock.SetUtcNow(first.ExpiresAt.AddSeconds(1));
        var ring = await Poll.UntilAsync(
            () => _keys.GetRingAsync(),
            r => r.Length == 2,
            "the reminder to rotate the expired key");

        Assert.Equal(["1:decrypt_only", "2:active"], ring.Select(k => $"{k.Version}:{k.State}"));
        Assert.True(ring[1].ExpiresAt > fixture.Clock.GetUtcNow());
    }
}
