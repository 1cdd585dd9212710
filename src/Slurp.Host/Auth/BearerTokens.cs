using System.Security.Cryptography;
using System.Text;

namespace Slurp.Host.Auth;

/// <summary>Makes bearer tokens and the hashes they are stored as.</summary>
public static class BearerTokens
{
    private const string Prefix = "slurp_";

    /// <summary>A new token: 256 random bits, base64url, with a recognizable prefix for secret scanners.</summary>
    public static string Create()
    {
        Span<byte> bytes = stackalloc byte[32];
        RandomNumberGenerator.Fill(bytes);
        var token = Prefix + Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        CryptographicOperations.ZeroMemory(bytes);
        return token;
    }

    /// <summary>
    /// The stored form of a token: lowercase hex SHA-256. Tokens carry 256 random bits, so a fast hash
    /// is enough; a leaked table does not reveal usable tokens.
    /// </summary>
    public static string Hash(string token) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}
