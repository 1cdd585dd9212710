namespace Slurp.Domain.Crypto;

/// <summary>
/// Thrown by <see cref="PayloadCompression.Decompress"/> when the output would exceed the caller's limit
/// (a decompression bomb, or a limit set too low).
/// </summary>
public sealed class PayloadTooLargeException : Exception
{
    /// <summary>Creates the exception for a payload larger than <paramref name="maxBytes"/>.</summary>
    public PayloadTooLargeException(int maxBytes)
        : base($"the compressed payload expands to more than the limit of {maxBytes} bytes")
    {
        MaxBytes = maxBytes;
    }

    /// <summary>The limit that was exceeded, in bytes.</summary>
    public int MaxBytes { get; }
}
