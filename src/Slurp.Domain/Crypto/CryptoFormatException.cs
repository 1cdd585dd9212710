namespace Slurp.Domain.Crypto;

/// <summary>
/// Thrown for malformed crypto input that came from outside, such as Shamir shares an operator pasted:
/// too few shares, a duplicate or zero x-coordinate, or shares of different lengths.
/// </summary>
public sealed class CryptoFormatException : FormatException
{
    /// <summary>Creates the exception; <paramref name="message"/> names the problem.</summary>
    public CryptoFormatException(string message)
        : base(message)
    {
    }
}
