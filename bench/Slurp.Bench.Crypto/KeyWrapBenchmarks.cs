using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using Slurp.Domain.Crypto;

namespace Slurp.Bench.Crypto;

/// <summary>
/// Wrapping one layer's data key for its readers (five in the default catalog for a file under /src), and drawing the
/// layer's randomness: the per-call set-up both used to pay (a new AES-GCM context per wrap, a call of the OS generator
/// per key and nonce) against the held key (<see cref="WrappingKey"/>) and one draw (<see cref="RandomDraw"/>).
/// </summary>
[MemoryDiagnoser]
public class KeyWrapBenchmarks
{
    private const int Readers = 5;

    private static readonly WrapContext Context = new("data-key", "role:backend_developer|node/p/t/src/api/users.go|v3|base", 1);

    private readonly byte[] _dataKey = RandomNumberGenerator.GetBytes(32);
    private byte[][] _keks = null!;
    private WrappingKey[] _held = null!;

    [GlobalSetup]
    public void Setup()
    {
        _keks = [.. Enumerable.Range(0, Readers).Select(_ => RandomNumberGenerator.GetBytes(32))];
        _held = [.. _keks.Select(k => new WrappingKey(k))];
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        foreach (var key in _held)
        {
            key.Dispose();
        }
    }

    [Benchmark(Baseline = true, Description = "5 wraps, a new AES-GCM context each (KeyWrap.Wrap)")]
    public int WrapWithNewContexts()
    {
        var total = 0;
        foreach (var kek in _keks)
        {
            total += KeyWrap.Wrap(_dataKey, kek, Context, SystemRandomSource.Instance).Length;
        }

        return total;
    }

    [Benchmark(Description = "5 wraps under held keys (WrappingKey.Wrap)")]
    public int WrapWithHeldKeys()
    {
        var total = 0;
        foreach (var key in _held)
        {
            total += key.Wrap(_dataKey, Context, SystemRandomSource.Instance).Length;
        }

        return total;
    }

    [Benchmark(Description = "a layer's key and 6 nonces, 7 calls of the OS generator")]
    public byte Randomness7Calls() => TakeLayerRandomness(SystemRandomSource.Instance);

    [Benchmark(Description = "a layer's key and 6 nonces, one draw (RandomDraw)")]
    public byte RandomnessOneDraw()
    {
        using var draw = new RandomDraw(SystemRandomSource.Instance, EnvelopeCipher.KeyLength + (EnvelopeCipher.NonceLength * (1 + Readers)));
        return TakeLayerRandomness(draw);
    }

    // What LayerSealer takes for one layer: the data key, the envelope's nonce and one nonce per reader's wrap.
    private static byte TakeLayerRandomness(IRandomSource random)
    {
        Span<byte> key = stackalloc byte[EnvelopeCipher.KeyLength];
        Span<byte> nonce = stackalloc byte[EnvelopeCipher.NonceLength];
        random.Fill(key);
        for (var i = 0; i < 1 + Readers; i++)
        {
            random.Fill(nonce);
        }

        return (byte)(key[0] ^ nonce[0]);
    }
}
