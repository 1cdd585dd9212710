using System.Security.Cryptography;

namespace Slurp.Domain.Crypto;

/// <summary>
/// Wraps 32-byte keys (data keys, role keys) under a 32-byte key-encryption key with AES-256-GCM:
/// <c>format (1) ‖ nonce (12) ‖ tag (16) ‖ ciphertext (32)</c>, 61 bytes, with the <see cref="WrapContext"/>
/// and the format byte as associated data.
/// </summary>
public static class KeyWrap
{
    /// <summary>The only wrapped-key format this code writes and reads.</summary>
    public const byte FormatVersion = 1;

    /// <summary>The length of a wrapped key in bytes.</summary>
    public const int WrappedLength = 1 + EnvelopeCipher.NonceLength + EnvelopeCipher.TagLength + EnvelopeCipher.KeyLength;

    private const int NonceOffset = 1;
    private const int TagOffset = NonceOffset + EnvelopeCipher.NonceLength;
    private const int CiphertextOffset = TagOffset + EnvelopeCipher.TagLength;

    /// <summary>Wraps <paramref name="key"/> under <paramref name="kek"/> with a fresh random nonce.</summary>
    /// <exception cref="ArgumentException">When the key or the key-encryption key is not 32 bytes.</exception>
    public static byte[] Wrap(ReadOnlySpan<byte> key, ReadOnlySpan<byte> kek, WrapContext context, IRandomSource random)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(random);
        EnvelopeCipher.RequireKey(key, nameof(key));
        EnvelopeCipher.RequireKey(kek, nameof(kek));
        using var aes = new AesGcm(kek, EnvelopeCipher.TagLength);
        return WrapWith(key, aes, context, random);
    }

    /// <summary>Wraps <paramref name="key"/> with <paramref name="aes"/>, an AES-GCM instance over the key-encryption key.</summary>
    internal static byte[] WrapWith(ReadOnlySpan<byte> key, AesGcm aes, WrapContext context, IRandomSource random)
    {
        var wrapped = new byte[WrappedLength];
        wrapped[0] = FormatVersion;
        var nonce = wrapped.AsSpan(NonceOffset, EnvelopeCipher.NonceLength);
        random.Fill(nonce);
        aes.Encrypt(
            nonce, key, wrapped.AsSpan(CiphertextOffset), wrapped.AsSpan(TagOffset, EnvelopeCipher.TagLength),
            context.ToAssociatedData(wrapped.AsSpan(0, 1)));
        return wrapped;
    }

    /// <summary>
    /// Authenticates and unwraps a key made by <see cref="Wrap"/> for the same key-encryption key and context.
    /// The caller owns the returned key and must zero it after use.
    /// </summary>
    /// <exception cref="ArgumentException">When the key-encryption key is not 32 bytes.</exception>
    /// <exception cref="EnvelopeException">
    /// When the input is not 61 bytes, names an unknown format, or fails authentication.
    /// </exception>
    public static byte[] Unwrap(ReadOnlySpan<byte> wrapped, ReadOnlySpan<byte> kek, WrapContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        EnvelopeCipher.RequireKey(kek, nameof(kek));
        using var aes = new AesGcm(kek, EnvelopeCipher.TagLength);
        return UnwrapWith(wrapped, aes, context);
    }

    /// <summary>Unwraps with <paramref name="aes"/>, an AES-GCM instance over the key-encryption key.</summary>
    internal static byte[] UnwrapWith(ReadOnlySpan<byte> wrapped, AesGcm aes, WrapContext context)
    {
        if (wrapped.Length != WrappedLength)
        {
            throw EnvelopeErrors.WrappedKeyLength(wrapped.Length, WrappedLength);
        }

        if (wrapped[0] != FormatVersion)
        {
            throw EnvelopeErrors.UnknownWrapFormat(wrapped[0]);
        }

        var key = new byte[EnvelopeCipher.KeyLength];
        try
        {
            aes.Decrypt(
                wrapped.Slice(NonceOffset, EnvelopeCipher.NonceLength), wrapped[CiphertextOffset..],
                wrapped.Slice(TagOffset, EnvelopeCipher.TagLength), key, context.ToAssociatedData(wrapped[..1]));
            return key;
        }
        catch (AuthenticationTagMismatchException e)
        {
            CryptographicOperations.ZeroMemory(key);
            throw EnvelopeErrors.KeyAuthenticationFailed(e);
        }
    }
}
