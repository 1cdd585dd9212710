namespace Slurp.Domain.Crypto;

/// <summary>
/// One Shamir share: the point (<see cref="X"/>, <see cref="Y"/>) of the per-byte polynomials, where
/// <see cref="Y"/> holds one byte per secret byte. A share is secret material: show it once, never log it.
/// </summary>
/// <param name="X">The x-coordinate, 1..255; 0 would be the secret itself and is never issued.</param>
/// <param name="Y">The polynomial values at <paramref name="X"/>, one per secret byte (not copied).</param>
public sealed record ShamirShare(byte X, byte[] Y)
{
    /// <summary>The polynomial values at <see cref="X"/>, one per secret byte (not copied).</summary>
    public byte[] Y { get; } = Y ?? throw new ArgumentNullException(nameof(Y));

    /// <summary>The text form handed to an operator: base64 of the bytes [X][Y...].</summary>
    public string ToBase64()
    {
        var bytes = new byte[1 + Y.Length];
        bytes[0] = X;
        Y.CopyTo(bytes, 1);
        try
        {
            return Convert.ToBase64String(bytes);
        }
        finally
        {
            Array.Clear(bytes);
        }
    }

    /// <summary>
    /// Reads a share made by <see cref="ToBase64"/>, ignoring surrounding whitespace. Never throws; on failure
    /// <paramref name="share"/> is null and <paramref name="error"/> says what is wrong.
    /// </summary>
    public static bool TryParse(string? base64, out ShamirShare? share, out string? error)
    {
        share = null;
        var text = base64?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            error = "the share is empty";
            return false;
        }

        byte[] bytes;
        try
        {
            bytes = Convert.FromBase64String(text);
        }
        catch (FormatException)
        {
            error = "the share is not valid base64";
            return false;
        }

        try
        {
            if (bytes.Length < 2)
            {
                error = "the share is too short: it needs an x-coordinate byte and at least one value byte";
                return false;
            }

            if (bytes.Length - 1 > ShamirSecretSharing.MaxSecretLength)
            {
                error = $"the share is too long: {bytes.Length - 1} value bytes, at most {ShamirSecretSharing.MaxSecretLength}";
                return false;
            }

            if (bytes[0] == 0)
            {
                error = "the share has x-coordinate 0, which is never issued";
                return false;
            }

            share = new ShamirShare(bytes[0], bytes[1..]);
            error = null;
            return true;
        }
        finally
        {
            Array.Clear(bytes);
        }
    }

    /// <summary>Reads a share made by <see cref="ToBase64"/>.</summary>
    /// <exception cref="CryptoFormatException">When <paramref name="base64"/> is not a share; the message says why.</exception>
    public static ShamirShare Parse(string? base64) =>
        TryParse(base64, out var share, out var error) ? share! : throw new CryptoFormatException(error!);

    /// <summary>Equal when both coordinates are equal, byte for byte.</summary>
    public bool Equals(ShamirShare? other) =>
        other is not null && X == other.X && Y.AsSpan().SequenceEqual(other.Y);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(X, Y.Length);

    /// <summary>Names the share without revealing its value.</summary>
    public override string ToString() => $"ShamirShare {{ X = {X}, Length = {Y.Length} }}";
}
