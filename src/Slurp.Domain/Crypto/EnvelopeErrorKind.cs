namespace Slurp.Domain.Crypto;

/// <summary>Why an envelope or a wrapped key could not be opened; lets callers map failures without reading messages.</summary>
public enum EnvelopeErrorKind
{
    /// <summary>The input is shorter than its header and fixed-size fields (or a wrapped key has the wrong length).</summary>
    Truncated = 1,

    /// <summary>The input does not start with the envelope magic <c>SLE</c>.</summary>
    NotAnEnvelope = 2,

    /// <summary>The format version byte names a format this code does not know.</summary>
    UnknownFormat = 3,

    /// <summary>The algorithm byte names an algorithm this code does not know.</summary>
    UnknownAlgorithm = 4,

    /// <summary>The compression byte names a compression this code does not know.</summary>
    UnknownCompression = 5,

    /// <summary>
    /// The AES-GCM tag did not verify: the ciphertext, header or context was altered, or the key is wrong.
    /// </summary>
    AuthenticationFailed = 6,

    /// <summary>The plaintext would be larger than the caller's limit.</summary>
    TooLarge = 7,

    /// <summary>The authenticated payload did not decompress (written by a buggy or hostile key holder).</summary>
    CorruptPayload = 8,
}
