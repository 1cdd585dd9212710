namespace Slurp.Domain.Crypto;

/// <summary>The cipher named by an envelope header's algorithm byte.</summary>
public enum EnvelopeAlgorithm : byte
{
    /// <summary>AES-256-GCM with a random 96-bit nonce and a 128-bit tag.</summary>
    Aes256Gcm = 1,
}
