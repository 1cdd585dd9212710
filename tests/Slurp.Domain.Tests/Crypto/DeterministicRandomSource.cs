using Slurp.Domain.Crypto;

namespace Slurp.Domain.Tests.Crypto;

/// <summary>A seeded, reproducible <see cref="IRandomSource"/> for tests; never for keys.</summary>
internal sealed class DeterministicRandomSource(int seed) : IRandomSource
{
    private readonly Random _random = new(seed);

    public void Fill(Span<byte> buffer) => _random.NextBytes(buffer);

    /// <summary>A fresh array of <paramref name="length"/> bytes from this source.</summary>
    public byte[] Bytes(int length)
    {
        var bytes = new byte[length];
        Fill(bytes);
        return bytes;
    }
}
