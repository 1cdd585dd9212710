using System.Buffers;
using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Slurp.Domain.Crypto;

/// <summary>
/// The one unambiguous encoding our hashes are computed over: strings as a 4-byte big-endian UTF-8 length
/// plus their bytes, optional strings with a 0/1 marker byte first (null differs from empty), counts and
/// 64-bit integers big-endian. Text with a lone surrogate is refused, since it would encode like other text.
/// </summary>
public static class CanonicalHash
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static void AppendString(this IncrementalHash hash, string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        int length;
        try
        {
            length = StrictUtf8.GetByteCount(value);
        }
        catch (EncoderFallbackException e)
        {
            throw new ArgumentException("Hashed text must be valid Unicode; it holds a lone surrogate.", e);
        }

        hash.AppendCount(length);
        var buffer = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            var written = StrictUtf8.GetBytes(value, buffer);
            hash.AppendData(buffer, 0, written);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    public static void AppendOptionalString(this IncrementalHash hash, string? value)
    {
        ReadOnlySpan<byte> absent = [0];
        ReadOnlySpan<byte> present = [1];
        if (value is null)
        {
            hash.AppendData(absent);
            return;
        }

        hash.AppendData(present);
        hash.AppendString(value);
    }

    public static void AppendStrings(this IncrementalHash hash, IReadOnlyList<string> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        hash.AppendCount(values.Count);
        foreach (var value in values)
        {
            hash.AppendString(value);
        }
    }

    public static void AppendCount(this IncrementalHash hash, int count)
    {
        Span<byte> prefix = stackalloc byte[sizeof(int)];
        BinaryPrimitives.WriteInt32BigEndian(prefix, count);
        hash.AppendData(prefix);
    }

    public static void AppendInt64(this IncrementalHash hash, long value)
    {
        Span<byte> bytes = stackalloc byte[sizeof(long)];
        BinaryPrimitives.WriteInt64BigEndian(bytes, value);
        hash.AppendData(bytes);
    }
}
