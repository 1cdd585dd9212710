namespace Slurp.Domain.Crypto;

/// <summary>
/// Arithmetic in GF(2^8) with the AES polynomial x^8 + x^4 + x^3 + x + 1 (0x11B). Addition is XOR.
/// </summary>
/// <remarks>
/// Multiplication is branch-free shift-and-add and the inverse is a^254 by a fixed chain of multiplications,
/// rather than log/exp tables: table lookups indexed by secret bytes leak through the cache, and Shamir
/// multiplies secret bytes. The cost (8 steps per multiply) is irrelevant at 64 bytes × 255 shares.
/// </remarks>
internal static class GaloisField256
{
    // Low 8 bits of the AES polynomial; bit 8 is the shifted-out bit it cancels.
    private const int Reduction = 0x11B;

    /// <summary>The product a·b, computed in constant time.</summary>
    public static byte Multiply(byte a, byte b)
    {
        int product = 0;
        int shifted = a;
        int multiplier = b;
        for (var bit = 0; bit < 8; bit++)
        {
            // -(x & 1) is all ones when the bit is set, zero otherwise: a mask instead of a branch.
            product ^= -(multiplier & 1) & shifted;
            multiplier >>= 1;
            shifted = (shifted << 1) ^ (-((shifted >> 7) & 1) & Reduction);
        }

        return (byte)product;
    }

    /// <summary>The inverse a^-1 = a^254 in constant time; 0 maps to 0 (callers never invert 0).</summary>
    public static byte Inverse(byte a)
    {
        // a^254 = a^(2+4+8+16+32+64+128): square seven times, multiplying in every square.
        byte result = 1;
        var square = a;
        for (var step = 0; step < 7; step++)
        {
            square = Multiply(square, square);
            result = Multiply(result, square);
        }

        return result;
    }
}
