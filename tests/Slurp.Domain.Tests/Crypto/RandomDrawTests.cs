using Slurp.Domain.Crypto;

namespace Slurp.Domain.Tests.Crypto;

/// <summary>One draw from the source, handed out in order and never twice.</summary>
public sealed class RandomDrawTests
{
    [Fact]
    public void TheBytesComeFromOneCallOfTheSourceInOrder()
    {
        var source = new CountingSource(new DeterministicRandomSource(5));
        var expected = new DeterministicRandomSource(5).Bytes(32 + 12 + 12);
        using var draw = new RandomDraw(source, expected.Length);
        var key = new byte[32];
        var nonce1 = new byte[12];
        var nonce2 = new byte[12];

        draw.Fill(key);
        draw.Fill(nonce1);
        draw.Fill(nonce2);

        Assert.Equal(1, source.Calls);
        Assert.Equal(expected, key.Concat(nonce1).Concat(nonce2).ToArray());
        Assert.Equal(0, draw.Remaining);
    }

    [Fact]
    public void AskingForMoreThanRemainsThrowsAndHandsOutNothing()
    {
        using var draw = new RandomDraw(new DeterministicRandomSource(5), 20);
        draw.Fill(new byte[12]);
        var buffer = new byte[12];

        var error = Assert.Throws<InvalidOperationException>(() => draw.Fill(buffer));

        Assert.Equal("the draw has 8 random bytes left, 12 were asked for", error.Message);
        Assert.Equal(new byte[12], buffer);
        Assert.Equal(8, draw.Remaining);
    }

    [Fact]
    public void AfterDisposeNothingIsLeftToHandOut()
    {
        var draw = new RandomDraw(new DeterministicRandomSource(5), 44);
        draw.Fill(new byte[12]);

        draw.Dispose();

        Assert.Equal(0, draw.Remaining);
        Assert.Throws<InvalidOperationException>(() => draw.Fill(new byte[1]));
    }

    [Fact]
    public void AnEmptyRequestTakesNothing()
    {
        using var draw = new RandomDraw(new DeterministicRandomSource(5), 4);

        draw.Fill([]);

        Assert.Equal(4, draw.Remaining);
    }

    [Fact]
    public void ANegativeLengthIsRefused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new RandomDraw(new DeterministicRandomSource(5), -1));
    }

    private sealed class CountingSource(IRandomSource inner) : IRandomSource
    {
        public int Calls { get; private set; }

        public void Fill(Span<byte> buffer)
        {
            Calls++;
            inner.Fill(buffer);
        }
    }
}
