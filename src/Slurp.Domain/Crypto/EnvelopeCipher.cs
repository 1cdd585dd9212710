using System.Security.Cryptography;

namespace Slurp.Domain.Crypto;

/// <summary>
/// Seals content under a 32-byte data key with AES-256-GCM, in a versioned envelope:
/// <c>"SLE" ‖ format (1) ‖ algorithm (1 = AES-256-GCM) ‖ compression (0 none, 1 zstd) ‖ nonce (12) ‖ tag (16) ‖ ciphertext</c>.
/// The associated data binds the header and the <see cref="EnvelopeContext"/> (node, version, layer).
/// </summary>
public static class EnvelopeCipher
{
    /// <summary>The only envelope format this code writes and reads.</summary>
    public const byte FormatVersion = 1;

    /// <summary>The length of the clear header: magic, format, algorithm, compression.</summary>
    public const int HeaderLength = 6;

    /// <summary>The AES-GCM nonce length in bytes (96 bits, random per seal).</summary>
    public const int NonceLength = 12;

    /// <summary>The AES-GCM tag length in bytes.</summary>
    public const int TagLength = 16;

    /// <summary>The bytes an envelope adds to its (possibly compressed) plaintext.</summary>
    public const int Overhead = HeaderLength + NonceLength + TagLength;

    /// <summary>The data key length in bytes (AES-256).</summary>
    public const int KeyLength = 32;

    private const int NonceOffset = HeaderLength;
    private const int TagOffset = NonceOffset + NonceLength;
    private const int CiphertextOffset = TagOffset + TagLength;

    private static ReadOnlySpan<byte> Magic => "SLE"u8;

    /// <summary>
    /// Encrypts <paramref name="plaintext"/> under <paramref name="dataKey"/> with a fresh random nonce. With
    /// <paramref name="compress"/>, the plaintext is zstd-compressed first, and kept only if that saves bytes.
    /// </summary>
    /// <exception cref="ArgumentException">When the key is not 32 bytes.</exception>
    public static byte[] Seal(
        ReadOnlySpan<byte> plaintext, ReadOnlySpan<byte> dataKey, EnvelopeContext context, IRandomSource random, bool compress = true)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(random);
        RequireKey(dataKey, nameof(dataKey));

        var compressed = compress ? PayloadCompression.Compress(plaintext) : null;
        try
        {
            var useCompressed = compressed is not null && compressed.Length < plaintext.Length;
            ReadOnlySpan<byte> body = useCompressed ? compressed : plaintext;
            var envelope = new byte[Overhead + body.Length];
            Magic.CopyTo(envelope);
            envelope[3] = FormatVersion;
            envelope[4] = (byte)EnvelopeAlgorithm.Aes256Gcm;
            envelope[5] = (byte)(useCompressed ? EnvelopeCompression.Zstd : EnvelopeCompression.None);

            var nonce = envelope.AsSpan(NonceOffset, NonceLength);
            random.Fill(nonce);
            var associatedData = context.ToAssociatedData(envelope.AsSpan(0, HeaderLength));
            using var aes = new AesGcm(dataKey, TagLength);
            aes.Encrypt(nonce, body, envelope.AsSpan(CiphertextOffset), envelope.AsSpan(TagOffset, TagLength), associatedData);
            return envelope;
        }
        finally
        {
            if (compressed is not null)
            {
                CryptographicOperations.ZeroMemory(compressed);
            }
        }
    }

    /// <summary>
    /// Authenticates and decrypts an envelope made by <see cref="Seal"/> for the same key and context, and
    /// decompresses it. Nothing is returned unless the tag verifies.
    /// </summary>
    /// <exception cref="ArgumentException">When the key is not 32 bytes or the limit is negative.</exception>
    /// <exception cref="EnvelopeException">
    /// When the envelope is truncated, of an unknown format, algorithm or compression, fails authentication,
    /// or holds more than <paramref name="maxPlaintextBytes"/> bytes of plaintext.
    /// </exception>
    public static byte[] Open(ReadOnlySpan<byte> envelope, ReadOnlySpan<byte> dataKey, EnvelopeContext context, int maxPlaintextBytes)
    {
        ArgumentNullException.ThrowIfNull(context);
        RequireKey(dataKey, nameof(dataKey));
        ArgumentOutOfRangeException.ThrowIfNegative(maxPlaintextBytes);

        var header = ReadHeader(envelope);
        if (envelope.Length < Overhead)
        {
            throw EnvelopeErrors.Truncated(envelope.Length, Overhead);
        }

        // Seal compresses only when that shrinks the payload, so a body over the limit means a plaintext over it:
        // refuse before spending time decrypting it.
        var ciphertext = envelope[CiphertextOffset..];
        if (ciphertext.Length > maxPlaintextBytes)
        {
            throw header.Compression == EnvelopeCompression.None
                ? EnvelopeErrors.TooLarge(ciphertext.Length, maxPlaintextBytes)
                : EnvelopeErrors.TooLargeCompressed(ciphertext.Length, maxPlaintextBytes);
        }

        var body = new byte[ciphertext.Length];
        var associatedData = context.ToAssociatedData(envelope[..HeaderLength]);
        try
        {
            using var aes = new AesGcm(dataKey, TagLength);
            aes.Decrypt(envelope.Slice(NonceOffset, NonceLength), ciphertext, envelope.Slice(TagOffset, TagLength), body, associatedData);
        }
        catch (AuthenticationTagMismatchException e)
        {
            CryptographicOperations.ZeroMemory(body);
            throw EnvelopeErrors.AuthenticationFailed(e);
        }

        if (header.Compression == EnvelopeCompression.None)
        {
            return body;
        }

        try
        {
            return PayloadCompression.Decompress(body, maxPlaintextBytes);
        }
        catch (PayloadTooLargeException e)
        {
            throw EnvelopeErrors.TooLargeAfterDecompression(maxPlaintextBytes, e);
        }
        catch (InvalidDataException e)
        {
            throw EnvelopeErrors.CorruptPayload(e);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(body);
        }
    }

    /// <summary>Reads and checks the clear header; it is not authenticated until <see cref="Open"/> succeeds.</summary>
    /// <exception cref="EnvelopeException">
    /// When the input is shorter than the header, lacks the magic, or names an unknown format, algorithm or compression.
    /// </exception>
    public static EnvelopeHeader ReadHeader(ReadOnlySpan<byte> envelope)
    {
        if (envelope.Length < HeaderLength)
        {
            throw EnvelopeErrors.Truncated(envelope.Length, Overhead);
        }

        if (!envelope[..Magic.Length].SequenceEqual(Magic))
        {
            throw EnvelopeErrors.NotAnEnvelope();
        }

        var format = envelope[3];
        if (format != FormatVersion)
        {
            throw EnvelopeErrors.UnknownFormat(format);
        }

        var algorithm = envelope[4];
        if (algorithm != (byte)EnvelopeAlgorithm.Aes256Gcm)
        {
            throw EnvelopeErrors.UnknownAlgorithm(algorithm);
        }

        var compression = envelope[5];
        if (compression > (byte)EnvelopeCompression.Zstd)
        {
            throw EnvelopeErrors.UnknownCompression(compression);
        }

        return new EnvelopeHeader(format, (EnvelopeAlgorithm)algorithm, (EnvelopeCompression)compression);
    }

    internal static void RequireKey(ReadOnlySpan<byte> key, string paramName)
    {
        if (key.Length != KeyLength)
        {
            throw new ArgumentException($"the key must be {KeyLength} bytes, not {key.Length}", paramName);
        }
    }
}
