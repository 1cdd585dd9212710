using System.Buffers.Binary;
using System.Text;

namespace Slurp.Domain.Crypto;

/// <summary>
/// Writes associated data unambiguously: text and bytes prefixed with their u32 big-endian length, integers
/// as fixed-width big-endian.
/// </summary>
internal sealed class AssociatedData(int size)
{
    // Strict: a lone surrogate throws instead of becoming U+FFFD, which would let two strings encode alike.
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly byte[] _buffer = new byte[size];
    private int _position;

    /// <summary>The strict UTF-8 bytes of <paramref name="value"/>.</summary>
    /// <exception cref="ArgumentException">When <paramref name="value"/> is not well-formed UTF-16.</exception>
    public static byte[] Utf8(string value, string paramName)
    {
        try
        {
            return StrictUtf8.GetBytes(value);
        }
        catch (EncoderFallbackException e)
        {
            throw new ArgumentException("the text holds an unpaired surrogate and has no UTF-8 form", paramName, e);
        }
    }

    /// <summary>Returns <paramref name="value"/> when it is non-empty, well-formed text.</summary>
    public static string RequireText(string value, string paramName)
    {
        ArgumentException.ThrowIfNullOrEmpty(value, paramName);
        _ = Utf8(value, paramName);
        return value;
    }

    public static int TextSize(string value) => sizeof(uint) + StrictUtf8.GetByteCount(value);

    public static int BytesSize(ReadOnlySpan<byte> value) => sizeof(uint) + value.Length;

    public void WriteText(string value)
    {
        var length = StrictUtf8.GetBytes(value, _buffer.AsSpan(_position + sizeof(uint)));
        BinaryPrimitives.WriteUInt32BigEndian(_buffer.AsSpan(_position), (uint)length);
        _position += sizeof(uint) + length;
    }

    public void WriteBytes(ReadOnlySpan<byte> value)
    {
        BinaryPrimitives.WriteUInt32BigEndian(_buffer.AsSpan(_position), (uint)value.Length);
        value.CopyTo(_buffer.AsSpan(_position + sizeof(uint)));
        _position += sizeof(uint) + value.Length;
    }

    public void WriteInt32(int value)
    {
        BinaryPrimitives.WriteInt32BigEndian(_buffer.AsSpan(_position), value);
        _position += sizeof(int);
    }

    public byte[] ToArray() =>
        _position == _buffer.Length ? _buffer : throw new InvalidOperationException("associated data size mismatch");
}
