using System.Buffers;
using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Slurp.Domain.Crypto;

/// <summary>
/// SHA-256 over the one unambiguous encoding our hashes are computed over: strings as a 4-byte big-endian UTF-8
/// length plus their bytes, optional strings with a 0/1 marker byte first (null differs from empty), counts and
/// 64-bit integers big-endian. Text with a lone surrogate is refused, since it would encode like other text.
/// <para>
/// The encoding is built in one pooled buffer and hashed in one call: fed to the platform's SHA-256 field by field it
/// cost two native calls per string (each with OpenSSL's error-queue clearing), and a PUT's two hashes (content and
/// audit entry) took 4.4 µs instead of 2.3 (bench/Slurp.Bench.Crypto ContentHashBenchmarks). The buffer holds
/// plaintext context, so it is zeroed before it returns to the pool.
/// </para>
/// </summary>
public sealed class CanonicalHasher : IDisposable
{
    private const int InitialCapacity = 1024;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private byte[] _buffer = ArrayPool<byte>.Shared.Rent(InitialCapacity);
    private int _length;

    // The most of the buffer any encoding used since it was rented: what must be zeroed.
    private int _used;

    public void AppendString(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var start = _length;
        Reserve(sizeof(int) + StrictUtf8.GetMaxByteCount(value.Length));
        int written;
        try
        {
            written = StrictUtf8.GetBytes(value, _buffer.AsSpan(start + sizeof(int)));
        }
        catch (EncoderFallbackException e)
        {
            throw new ArgumentException("Hashed text must be valid Unicode; it holds a lone surrogate.", e);
        }

        BinaryPrimitives.WriteInt32BigEndian(_buffer.AsSpan(start), written);
        Advance(start + sizeof(int) + written);
    }

    public void AppendOptionalString(string? value)
    {
        Reserve(1);
        _buffer[_length] = value is null ? (byte)0 : (byte)1;
        Advance(_length + 1);
        if (value is not null)
        {
            AppendString(value);
        }
    }

    public void AppendStrings(IReadOnlyList<string> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        AppendCount(values.Count);
        foreach (var value in values)
        {
            AppendString(value);
        }
    }

    public void AppendCount(int count)
    {
        Reserve(sizeof(int));
        BinaryPrimitives.WriteInt32BigEndian(_buffer.AsSpan(_length), count);
        Advance(_length + sizeof(int));
    }

    public void AppendInt64(long value)
    {
        Reserve(sizeof(long));
        BinaryPrimitives.WriteInt64BigEndian(_buffer.AsSpan(_length), value);
        Advance(_length + sizeof(long));
    }

    /// <summary>The lower-case hex SHA-256 of everything appended since the last reset; starts over.</summary>
    public string ToHexAndReset()
    {
        Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(_buffer.AsSpan(0, _length), digest);
        _length = 0;
        return Convert.ToHexStringLower(digest);
    }

    public void Dispose()
    {
        if (_buffer.Length == 0)
        {
            return;
        }

        CryptographicOperations.ZeroMemory(_buffer.AsSpan(0, _used));
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = [];
    }

    private void Reserve(int bytes)
    {
        ObjectDisposedException.ThrowIf(_buffer.Length == 0, this);
        if (_buffer.Length - _length >= bytes)
        {
            return;
        }

        var larger = ArrayPool<byte>.Shared.Rent(Math.Max(_buffer.Length * 2, _length + bytes));
        _buffer.AsSpan(0, _length).CopyTo(larger);
        CryptographicOperations.ZeroMemory(_buffer.AsSpan(0, _used));
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = larger;
        _used = _length;
    }

    private void Advance(int length)
    {
        _length = length;
        _used = Math.Max(_used, length);
    }
}
