namespace Slurp.Domain.Crypto;

/// <summary>The clear header of an envelope; it is authenticated with the ciphertext, so it cannot be altered.</summary>
/// <param name="FormatVersion">The envelope format version; 1 is the only one.</param>
/// <param name="Algorithm">The cipher.</param>
/// <param name="Compression">How the plaintext was compressed before encryption.</param>
public readonly record struct EnvelopeHeader(byte FormatVersion, EnvelopeAlgorithm Algorithm, EnvelopeCompression Compression);
