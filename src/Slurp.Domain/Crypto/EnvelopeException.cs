using System.Security.Cryptography;

namespace Slurp.Domain.Crypto;

/// <summary>
/// Thrown when an envelope (<see cref="EnvelopeCipher"/>) or a wrapped key (<see cref="KeyWrap"/>) cannot be
/// opened. No output is ever returned alongside it.
/// </summary>
public sealed class EnvelopeException : CryptographicException
{
    internal EnvelopeException(EnvelopeErrorKind kind, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Kind = kind;
    }

    /// <summary>Why the input could not be opened.</summary>
    public EnvelopeErrorKind Kind { get; }
}
