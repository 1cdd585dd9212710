using System.Security.Cryptography;

namespace Slurp.Domain.Crypto;

/// <summary>
/// Derives independent subkeys from the 32-byte master key with HKDF-SHA256 (no salt: the master key is
/// uniformly random; info = <c>"slurp.master.v1|" + purpose</c>), and the seal verifier that tells whether a
/// combined Shamir secret is the master key.
/// </summary>
public static class MasterKeyDerivation
{
    /// <summary>The master key length in bytes.</summary>
    public const int MasterKeyLength = 32;

    /// <summary>Purpose of the key that wraps role keys.</summary>
    public const string RoleKeyWrapPurpose = "role-key-wrap";

    /// <summary>Purpose of the key for blind content hashes (<see cref="KeyedHash"/>).</summary>
    public const string ContentHashPurpose = "content-hash";

    /// <summary>Purpose of the key for audit redaction and chaining (<see cref="KeyedHash"/>).</summary>
    public const string AuditHmacPurpose = "audit-hmac";

    /// <summary>Purpose of the key behind <see cref="Verifier"/>.</summary>
    public const string SealVerifierPurpose = "seal-verifier";

    private const string InfoPrefix = "slurp.master.v1|";
    private const int MaxOutputLength = 255 * 32;

    private static ReadOnlySpan<byte> VerifierLabel => "slurp.seal-verifier.v1"u8;

    /// <summary>
    /// A key of <paramref name="length"/> bytes for <paramref name="purpose"/>; distinct purposes give
    /// independent keys. The caller owns the returned key and must zero it after use.
    /// </summary>
    /// <exception cref="ArgumentException">
    /// When the master key is not 32 bytes, the purpose is empty, or the length is not 1..8160.
    /// </exception>
    public static byte[] DeriveKey(ReadOnlySpan<byte> masterKey, string purpose, int length = 32)
    {
        RequireMasterKey(masterKey);
        ArgumentException.ThrowIfNullOrEmpty(purpose);
        ArgumentOutOfRangeException.ThrowIfLessThan(length, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(length, MaxOutputLength);

        var info = AssociatedData.Utf8(InfoPrefix + purpose, nameof(purpose));
        var key = new byte[length];
        HKDF.DeriveKey(HashAlgorithmName.SHA256, masterKey, key, salt: [], info);
        return key;
    }

    /// <summary>
    /// The seal verifier: base64 of HMAC-SHA256 of a fixed label under <c>DeriveKey("seal-verifier")</c>.
    /// Safe to store beside the sealed data; it reveals nothing usable about the master key.
    /// </summary>
    /// <exception cref="ArgumentException">When the master key is not 32 bytes.</exception>
    public static string Verifier(ReadOnlySpan<byte> masterKey)
    {
        Span<byte> mac = stackalloc byte[HMACSHA256.HashSizeInBytes];
        ComputeVerifier(masterKey, mac);
        return Convert.ToBase64String(mac);
    }

    /// <summary>
    /// True when <paramref name="masterKey"/> is the key <paramref name="verifier"/> was made from, compared
    /// in constant time. False, never an exception, for a key of the wrong length or a malformed verifier.
    /// </summary>
    public static bool Verify(ReadOnlySpan<byte> masterKey, string verifier)
    {
        Span<byte> expected = stackalloc byte[HMACSHA256.HashSizeInBytes];
        if (masterKey.Length != MasterKeyLength || string.IsNullOrEmpty(verifier)
            || !Convert.TryFromBase64String(verifier, expected, out var written) || written != expected.Length)
        {
            return false;
        }

        Span<byte> actual = stackalloc byte[HMACSHA256.HashSizeInBytes];
        ComputeVerifier(masterKey, actual);
        return CryptographicOperations.FixedTimeEquals(actual, expected);
    }

    private static void ComputeVerifier(ReadOnlySpan<byte> masterKey, Span<byte> mac)
    {
        var key = DeriveKey(masterKey, SealVerifierPurpose);
        try
        {
            HMACSHA256.HashData(key, VerifierLabel, mac);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
        }
    }

    private static void RequireMasterKey(ReadOnlySpan<byte> masterKey)
    {
        if (masterKey.Length != MasterKeyLength)
        {
            throw new ArgumentException($"the master key must be {MasterKeyLength} bytes, not {masterKey.Length}", nameof(masterKey));
        }
    }
}
