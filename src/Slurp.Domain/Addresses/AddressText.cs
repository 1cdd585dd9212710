using System.Globalization;
using System.Text;

namespace Slurp.Domain.Addresses;

/// <summary>Character rules and error-message quoting shared by the address types.</summary>
internal static class AddressText
{
    /// <summary>Longest fragment of user input echoed back in an error message.</summary>
    private const int MaxQuotedChars = 64;

    /// <summary>True for an ASCII letter, digit, '_' or '-': the alphabet of address components.</summary>
    public static bool IsComponentChar(char c) =>
        c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '_' or '-';

    /// <summary>True when <paramref name="text"/> is non-empty and made only of component characters.</summary>
    public static bool IsComponent(string text)
    {
        if (text.Length == 0)
        {
            return false;
        }

        foreach (var c in text)
        {
            if (!IsComponentChar(c))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>True for an ASCII decimal digit (char.IsDigit also accepts other scripts' digits).</summary>
    public static bool IsAsciiDigit(char c) => c is >= '0' and <= '9';

    /// <summary>
    /// Index of the first control character or unpaired UTF-16 surrogate in <paramref name="text"/>, or -1.
    /// </summary>
    public static int IndexOfInvalidChar(string text, out bool isSurrogate)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsControl(c))
            {
                isSurrogate = false;
                return i;
            }

            if (char.IsHighSurrogate(c))
            {
                if (i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                {
                    i++;
                    continue;
                }

                isSurrogate = true;
                return i;
            }

            if (char.IsLowSurrogate(c))
            {
                isSurrogate = true;
                return i;
            }
        }

        isSurrogate = false;
        return -1;
    }

    /// <summary>"U+0007"-style name of one UTF-16 code unit.</summary>
    public static string CodeUnit(char c) => "U+" + ((int)c).ToString("X4", CultureInfo.InvariantCulture);

    /// <summary>
    /// Quotes user input for an error message: single quotes, control characters and lone surrogates
    /// escaped as \uXXXX (so a message never carries them), long input cut with an ellipsis.
    /// </summary>
    public static string Quote(string text)
    {
        var builder = new StringBuilder(Math.Min(text.Length, MaxQuotedChars) + 8);
        builder.Append('\'');
        var i = 0;
        for (; i < text.Length && i < MaxQuotedChars; i++)
        {
            var c = text[i];
            var pairedHigh = char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]);
            if (pairedHigh)
            {
                builder.Append(c).Append(text[i + 1]);
                i++;
            }
            else if (char.IsControl(c) || char.IsSurrogate(c))
            {
                builder.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
            }
            else
            {
                builder.Append(c);
            }
        }

        if (i < text.Length)
        {
            builder.Append('…');
        }

        builder.Append('\'');
        return builder.ToString();
    }
}
