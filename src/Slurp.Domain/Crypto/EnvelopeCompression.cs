namespace Slurp.Domain.Crypto;

/// <summary>How the plaintext was compressed before encryption, named by an envelope header's compression byte.</summary>
public enum EnvelopeCompression : byte
{
    /// <summary>Stored as is.</summary>
    None = 0,

    /// <summary>One Zstandard frame (<see cref="PayloadCompression"/>).</summary>
    Zstd = 1,
}
