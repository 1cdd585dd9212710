namespace Slurp.Domain.Addresses;

/// <summary>Thrown by <see cref="UcxlAddress.Parse"/> for a string that is not a valid UCXL address.</summary>
public sealed class UcxlFormatException : FormatException
{
    /// <summary>Creates the exception for <paramref name="error"/>; the message is the error's text.</summary>
    public UcxlFormatException(UcxlParseError error)
        : base(error?.ToString())
    {
        ArgumentNullException.ThrowIfNull(error);
        Error = error;
    }

    /// <summary>The part at fault and what is wrong with it.</summary>
    public UcxlParseError Error { get; }
}
