namespace Slurp.Domain.Crypto;

/// <summary>
/// The source of every random byte the crypto code uses (keys, nonces, Shamir coefficients).
/// Production passes <see cref="SystemRandomSource.Instance"/>; tests pass a deterministic source.
/// </summary>
public interface IRandomSource
{
    /// <summary>Fills <paramref name="buffer"/> with random bytes; must be cryptographically strong in production.</summary>
    void Fill(Span<byte> buffer);
}
