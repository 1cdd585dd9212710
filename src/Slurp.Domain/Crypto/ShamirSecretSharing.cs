namespace Slurp.Domain.Crypto;

/// <summary>
/// Shamir's secret sharing over GF(2^8) (AES polynomial 0x11B), byte by byte: each secret byte is the constant
/// term of its own random polynomial of degree threshold − 1, and share i is every polynomial evaluated at x = i.
/// </summary>
/// <remarks>
/// Any <c>threshold</c> shares recover the secret; fewer reveal nothing about it. Combining too few (or
/// mismatched) shares yields a wrong secret, not an error: check the result with
/// <see cref="MasterKeyDerivation.Verify"/>.
/// </remarks>
public static class ShamirSecretSharing
{
    /// <summary>The longest secret that can be split, in bytes.</summary>
    public const int MaxSecretLength = 64;

    /// <summary>The largest number of shares: the non-zero x-coordinates of GF(2^8).</summary>
    public const int MaxShares = 255;

    /// <summary>
    /// Splits <paramref name="secret"/> into <paramref name="shares"/> shares with x-coordinates 1..shares, any
    /// <paramref name="threshold"/> of which recover it. Coefficients come from <paramref name="random"/>.
    /// </summary>
    /// <exception cref="ArgumentException">
    /// When the secret is empty or longer than <see cref="MaxSecretLength"/>, or unless
    /// 2 ≤ <paramref name="threshold"/> ≤ <paramref name="shares"/> ≤ <see cref="MaxShares"/>.
    /// </exception>
    public static IReadOnlyList<ShamirShare> Split(ReadOnlySpan<byte> secret, int shares, int threshold, IRandomSource random)
    {
        ArgumentNullException.ThrowIfNull(random);
        if (secret.IsEmpty || secret.Length > MaxSecretLength)
        {
            throw new ArgumentException($"the secret must be 1 to {MaxSecretLength} bytes, not {secret.Length}", nameof(secret));
        }

        if (shares is < 2 or > MaxShares)
        {
            throw new ArgumentOutOfRangeException(nameof(shares), shares, $"the number of shares must be 2 to {MaxShares}");
        }

        if (threshold < 2 || threshold > shares)
        {
            throw new ArgumentOutOfRangeException(
                nameof(threshold), threshold, $"the threshold must be at least 2 and at most the number of shares ({shares})");
        }

        // Byte-major layout: the threshold − 1 non-constant coefficients of secret byte i follow each other.
        var degree = threshold - 1;
        var coefficients = new byte[secret.Length * degree];
        try
        {
            random.Fill(coefficients);
            var result = new ShamirShare[shares];
            for (var share = 0; share < shares; share++)
            {
                var x = (byte)(share + 1);
                var y = new byte[secret.Length];
                for (var i = 0; i < secret.Length; i++)
                {
                    y[i] = Evaluate(secret[i], coefficients.AsSpan(i * degree, degree), x);
                }

                result[share] = new ShamirShare(x, y);
            }

            return result;
        }
        finally
        {
            Array.Clear(coefficients);
        }
    }

    /// <summary>
    /// Recovers the secret from shares by Lagrange interpolation at x = 0. All shares given are used; any order.
    /// </summary>
    /// <exception cref="ArgumentNullException">When <paramref name="shares"/> or one of them is null.</exception>
    /// <exception cref="CryptoFormatException">
    /// When there are fewer than 2 shares, an x-coordinate is 0 or repeated, or the shares differ in length.
    /// </exception>
    public static byte[] Combine(IReadOnlyList<ShamirShare> shares)
    {
        ArgumentNullException.ThrowIfNull(shares);
        if (shares.Count < 2)
        {
            throw new CryptoFormatException($"at least 2 shares are needed to recover a secret, got {shares.Count}");
        }

        var length = -1;
        Span<bool> seen = stackalloc bool[256];
        for (var i = 0; i < shares.Count; i++)
        {
            var share = shares[i] ?? throw new ArgumentNullException(nameof(shares), $"share #{i + 1} is null");
            if (share.X == 0)
            {
                throw new CryptoFormatException($"share #{i + 1} has x-coordinate 0, which is never issued");
            }

            if (seen[share.X])
            {
                throw new CryptoFormatException($"share #{i + 1} repeats x-coordinate {share.X}: each share must be different");
            }

            seen[share.X] = true;
            if (share.Y.Length is 0 or > MaxSecretLength)
            {
                throw new CryptoFormatException($"share #{i + 1} holds {share.Y.Length} bytes, expected 1 to {MaxSecretLength}");
            }

            if (length >= 0 && share.Y.Length != length)
            {
                throw new CryptoFormatException(
                    $"the shares have different lengths ({length} and {share.Y.Length} bytes): they come from different secrets");
            }

            length = share.Y.Length;
        }

        var secret = new byte[length];
        for (var i = 0; i < shares.Count; i++)
        {
            var basis = LagrangeBasisAtZero(shares, i);
            var y = shares[i].Y;
            for (var b = 0; b < length; b++)
            {
                secret[b] ^= GaloisField256.Multiply(basis, y[b]);
            }
        }

        return secret;
    }

    // Horner's rule for constant + c1·x + c2·x² + …, highest coefficient first.
    private static byte Evaluate(byte constant, ReadOnlySpan<byte> coefficients, byte x)
    {
        byte value = 0;
        for (var k = coefficients.Length - 1; k >= 0; k--)
        {
            value = (byte)(GaloisField256.Multiply(value, x) ^ coefficients[k]);
        }

        return (byte)(GaloisField256.Multiply(value, x) ^ constant);
    }

    // l_i(0) = Π_{j≠i} x_j / (x_j − x_i); subtraction is XOR, and x_j ≠ x_i so no denominator is 0.
    private static byte LagrangeBasisAtZero(IReadOnlyList<ShamirShare> shares, int i)
    {
        var xi = shares[i].X;
        byte numerator = 1;
        byte denominator = 1;
        for (var j = 0; j < shares.Count; j++)
        {
            if (j != i)
            {
                var xj = shares[j].X;
                numerator = GaloisField256.Multiply(numerator, xj);
                denominator = GaloisField256.Multiply(denominator, (byte)(xj ^ xi));
            }
        }

        return GaloisField256.Multiply(numerator, GaloisField256.Inverse(denominator));
    }
}
