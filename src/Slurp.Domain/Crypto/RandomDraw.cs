using System.Security.Cryptography;

namespace Slurp.Domain.Crypto;

/// <summary>
/// The random bytes one operation needs (a data key and its nonces, say), drawn from a source in a single call and
/// handed out in order, each byte once: the operating system's generator costs about as much per call for 12 bytes
/// as for a few hundred. Bytes are zeroed here as they are handed out, and the rest on <see cref="Dispose"/>.
/// Not for concurrent use.
/// </summary>
public sealed class RandomDraw : IRandomSource, IDisposable
{
    private readonly byte[] _bytes;
    private int _used;

    /// <summary>Draws <paramref name="length"/> bytes from <paramref name="source"/> now.</summary>
    public RandomDraw(IRandomSource source, int length)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        _bytes = new byte[length];
        source.Fill(_bytes);
    }

    /// <summary>Bytes not handed out yet.</summary>
    public int Remaining => _bytes.Length - _used;

    /// <summary>Fills <paramref name="buffer"/> with the next bytes of the draw.</summary>
    /// <exception cref="InvalidOperationException">When fewer bytes remain than asked for (the draw was sized wrong).</exception>
    public void Fill(Span<byte> buffer)
    {
        if (buffer.Length > Remaining)
        {
            // Never fall back to reuse or to zeros: a short draw is a bug in the caller's arithmetic.
            throw new InvalidOperationException($"the draw has {Remaining} random bytes left, {buffer.Length} were asked for");
        }

        var next = _bytes.AsSpan(_used, buffer.Length);
        next.CopyTo(buffer);
        CryptographicOperations.ZeroMemory(next);
        _used += buffer.Length;
    }

    /// <summary>Zeroes the bytes not handed out.</summary>
    public void Dispose()
    {
        CryptographicOperations.ZeroMemory(_bytes);
        _used = _bytes.Length;
    }
}
