using ZstdSharp;

namespace Slurp.Domain.Crypto;

/// <summary>
/// Zstandard (level 3, pure managed ZstdSharp) for payloads before encryption; ciphertext does not compress.
/// </summary>
/// <remarks>
/// Compressing before encrypting lets ciphertext length reveal compressibility. Callers that mix
/// attacker-chosen text with secrets in one payload should seal it uncompressed.
/// </remarks>
public static class PayloadCompression
{
    /// <summary>The zstd level: fast, and most of the ratio of higher levels on JSON-like text.</summary>
    public const int Level = 3;

    private const int StreamChunkBytes = 64 * 1024;

    // A context per thread: creating one per call costs more than compressing a small payload.
    [ThreadStatic]
    private static Compressor? _compressor;

    [ThreadStatic]
    private static Decompressor? _decompressor;

    /// <summary>A single zstd frame of <paramref name="data"/>, which records the decompressed size.</summary>
    public static byte[] Compress(ReadOnlySpan<byte> data)
    {
        _compressor ??= new Compressor(Level);
        var bound = Compressor.GetCompressBound(data.Length);
        var buffer = new byte[bound];
        var length = _compressor.Wrap(data, buffer);
        return Trim(buffer, length);
    }

    /// <summary>
    /// Decompresses zstd data, refusing to produce more than <paramref name="maxBytes"/> bytes: the limit is
    /// checked against the frames' declared sizes before any large allocation, and enforced while streaming
    /// frames that declare none.
    /// </summary>
    /// <exception cref="PayloadTooLargeException">When the output would exceed <paramref name="maxBytes"/>.</exception>
    /// <exception cref="InvalidDataException">When <paramref name="compressed"/> is not complete, valid zstd data.</exception>
    public static byte[] Decompress(ReadOnlySpan<byte> compressed, int maxBytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxBytes);
        if (compressed.IsEmpty)
        {
            // zstd itself reads no bytes as no frames; Compress always writes one, so empty input is damage.
            throw Corrupt(new InvalidDataException("no frame"));
        }

        ulong bound;
        try
        {
            // An upper bound from the frame headers: the exact size when every frame records it.
            bound = Decompressor.GetDecompressedSize(compressed);
        }
        catch (ZstdException e)
        {
            throw Corrupt(e);
        }

        return bound <= (ulong)maxBytes ? DecompressWithin(compressed, (int)bound) : DecompressStreaming(compressed, maxBytes);
    }

    private static byte[] DecompressWithin(ReadOnlySpan<byte> compressed, int bound)
    {
        _decompressor ??= new Decompressor();
        var buffer = new byte[bound];
        int length;
        try
        {
            length = _decompressor.Unwrap(compressed, buffer);
        }
        catch (ZstdException e)
        {
            throw Corrupt(e);
        }

        return Trim(buffer, length);
    }

    // The headers allow more than maxBytes (a bomb, or frames without a recorded size): stream, and stop at the limit.
    private static byte[] DecompressStreaming(ReadOnlySpan<byte> compressed, int maxBytes)
    {
        using var input = new MemoryStream(compressed.ToArray(), writable: false);
        using var zstd = new DecompressionStream(input, checkEndOfStream: true);
        using var output = new MemoryStream();
        var chunk = new byte[StreamChunkBytes];
        try
        {
            int read;
            while ((read = zstd.Read(chunk, 0, chunk.Length)) > 0)
            {
                if (output.Length + read > maxBytes)
                {
                    throw new PayloadTooLargeException(maxBytes);
                }

                output.Write(chunk, 0, read);
            }
        }
        catch (ZstdException e)
        {
            throw Corrupt(e);
        }
        catch (EndOfStreamException e)
        {
            throw Corrupt(e);
        }

        var result = output.ToArray();
        Array.Clear(chunk);
        Array.Clear(output.GetBuffer());
        return result;
    }

    // Payload bytes are as sensitive as the plaintext: clear the oversized buffer once copied.
    private static byte[] Trim(byte[] buffer, int length)
    {
        if (length == buffer.Length)
        {
            return buffer;
        }

        var result = buffer.AsSpan(0, length).ToArray();
        Array.Clear(buffer);
        return result;
    }

    private static InvalidDataException Corrupt(Exception inner) =>
        new("the payload is not complete, valid zstd data: " + inner.Message, inner);
}
