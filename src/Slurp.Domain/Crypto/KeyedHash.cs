using System.Security.Cryptography;

namespace Slurp.Domain.Crypto;

/// <summary>
/// Blind values: HMAC-SHA256 under a derived key (<see cref="MasterKeyDerivation"/>), so storage can match
/// equal values (content hashes, index terms, redacted audit fields) without holding them.
/// </summary>
public static class KeyedHash
{
    /// <summary>The prefix that names the algorithm in every blind value.</summary>
    public const string Prefix = "hmac-sha256:";

    /// <summary><c>"hmac-sha256:"</c> + lowercase hex of HMAC-SHA256(<paramref name="key"/>, UTF-8 of <paramref name="value"/>).</summary>
    /// <exception cref="ArgumentException">When the key is empty or the value holds an unpaired surrogate.</exception>
    public static string Hmac(ReadOnlySpan<byte> key, string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return Hmac(key, AssociatedData.Utf8(value, nameof(value)).AsSpan());
    }

    /// <summary><c>"hmac-sha256:"</c> + lowercase hex of HMAC-SHA256(<paramref name="key"/>, <paramref name="value"/>).</summary>
    /// <exception cref="ArgumentException">When the key is empty.</exception>
    public static string Hmac(ReadOnlySpan<byte> key, ReadOnlySpan<byte> value)
    {
        if (key.IsEmpty)
        {
            throw new ArgumentException("the HMAC key must not be empty", nameof(key));
        }

        Span<byte> mac = stackalloc byte[HMACSHA256.HashSizeInBytes];
        HMACSHA256.HashData(key, value, mac);
        return Prefix + Convert.ToHexStringLower(mac);
    }
}
