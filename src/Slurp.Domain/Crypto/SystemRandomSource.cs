using System.Security.Cryptography;

namespace Slurp.Domain.Crypto;

/// <summary>The operating system's CSPRNG, through <see cref="RandomNumberGenerator.Fill"/>.</summary>
public sealed class SystemRandomSource : IRandomSource
{
    private SystemRandomSource()
    {
    }

    /// <summary>The single instance; it is stateless and thread-safe.</summary>
    public static SystemRandomSource Instance { get; } = new();

    /// <inheritdoc />
    public void Fill(Span<byte> buffer) => RandomNumberGenerator.Fill(buffer);
}
