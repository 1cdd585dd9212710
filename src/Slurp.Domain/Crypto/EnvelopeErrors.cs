namespace Slurp.Domain.Crypto;

/// <summary>The one place that creates <see cref="EnvelopeException"/>s, so messages stay consistent.</summary>
internal static class EnvelopeErrors
{
    public const string AuthenticationFailedMessage =
        "authentication failed: the ciphertext, its header or its context (node, version, layer) was altered, or the key is wrong";

    public const string KeyAuthenticationFailedMessage =
        "authentication failed: the wrapped key, its format byte or its context (purpose, subject, key version) was altered, "
        + "or the key-encryption key is wrong";

    public static EnvelopeException Truncated(int length, int minimum) =>
        new(EnvelopeErrorKind.Truncated, $"truncated envelope: {length} bytes, at least {minimum} expected");

    public static EnvelopeException NotAnEnvelope() =>
        new(EnvelopeErrorKind.NotAnEnvelope, "not a SLURP envelope: the magic bytes 'SLE' are missing");

    public static EnvelopeException UnknownFormat(byte version) =>
        new(EnvelopeErrorKind.UnknownFormat, $"unknown envelope format version {version}");

    public static EnvelopeException UnknownAlgorithm(byte algorithm) =>
        new(EnvelopeErrorKind.UnknownAlgorithm, $"unknown algorithm {algorithm}");

    public static EnvelopeException UnknownCompression(byte compression) =>
        new(EnvelopeErrorKind.UnknownCompression, $"unknown compression {compression}");

    public static EnvelopeException AuthenticationFailed(Exception inner) =>
        new(EnvelopeErrorKind.AuthenticationFailed, AuthenticationFailedMessage, inner);

    public static EnvelopeException TooLarge(long length, int maximum) =>
        new(EnvelopeErrorKind.TooLarge, $"plaintext of {length} bytes exceeds the limit of {maximum} bytes");

    public static EnvelopeException TooLargeCompressed(int length, int maximum) =>
        new(EnvelopeErrorKind.TooLarge, $"compressed plaintext of {length} bytes already exceeds the limit of {maximum} bytes");

    public static EnvelopeException TooLargeAfterDecompression(int maximum, Exception inner) =>
        new(EnvelopeErrorKind.TooLarge, $"plaintext exceeds the limit of {maximum} bytes once decompressed", inner);

    public static EnvelopeException CorruptPayload(Exception inner) =>
        new(EnvelopeErrorKind.CorruptPayload, "the authenticated payload does not decompress: " + inner.Message, inner);

    public static EnvelopeException WrappedKeyLength(int length, int expected) =>
        new(EnvelopeErrorKind.Truncated, $"truncated or oversized wrapped key: {length} bytes, exactly {expected} expected");

    public static EnvelopeException UnknownWrapFormat(byte format) =>
        new(EnvelopeErrorKind.UnknownFormat, $"unknown wrapped-key format version {format}");

    public static EnvelopeException KeyAuthenticationFailed(Exception inner) =>
        new(EnvelopeErrorKind.AuthenticationFailed, KeyAuthenticationFailedMessage, inner);
}
