using System.Security.Cryptography;
using System.Text;
using Slurp.Host.Api;

namespace Slurp.Host.Context;

/// <summary>Reads the <c>Idempotency-Key</c> header and fingerprints the request it was sent with.</summary>
internal static class IdempotencyKeys
{
    public const string Header = "Idempotency-Key";
    private const int MaxLength = 255;

    /// <summary>The key (or null when absent) and the request fingerprint; a problem when the key is malformed.</summary>
    public static bool TryRead(HttpRequest request, string operation, string address, ReadOnlySpan<byte> body, out string? key, out string? fingerprint, out IResult? problem)
    {
        key = null;
        fingerprint = null;
        problem = null;
        if (!request.Headers.TryGetValue(Header, out var values))
        {
            return true;
        }

        var text = values.ToString();
        if (values.Count != 1 || text.Length is 0 or > MaxLength || text.Any(c => c is < '!' or > '~'))
        {
            problem = Problems.BadRequest("invalid-idempotency-key", "The Idempotency-Key is not valid",
                $"send one Idempotency-Key of 1 to {MaxLength} visible ASCII characters");
            return false;
        }

        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes(operation + "\n" + address + "\n"));
        hash.AppendData(body);
        key = text;
        fingerprint = Convert.ToHexStringLower(hash.GetHashAndReset());
        return true;
    }
}
