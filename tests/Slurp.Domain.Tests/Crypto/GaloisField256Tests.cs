using Slurp.Domain.Crypto;

namespace Slurp.Domain.Tests.Crypto;

public sealed class GaloisField256Tests
{
    public static TheoryData<byte, byte, byte> Fips197Products => new()
    {
        { 0x57, 0x83, 0xC1 },
        { 0x57, 0x13, 0xFE },
        { 0x57, 0x02, 0xAE },
        { 0x57, 0x04, 0x47 },
        { 0x57, 0x08, 0x8E },
        { 0x57, 0x10, 0x07 },
        { 0x00, 0xFF, 0x00 },
        { 0x01, 0xFF, 0xFF },
    };

    [Theory]
    [MemberData(nameof(Fips197Products))]
    public void MultiplicationMatchesTheFips197Examples(byte a, byte b, byte product)
    {
        Assert.Equal(product, GaloisField256.Multiply(a, b));
        Assert.Equal(product, GaloisField256.Multiply(b, a));
    }

    [Fact]
    public void MultiplicationMatchesASchoolbookReferenceForEveryPair()
    {
        for (var a = 0; a < 256; a++)
        {
            for (var b = 0; b < 256; b++)
            {
                Assert.Equal(ReferenceMultiply(a, b), GaloisField256.Multiply((byte)a, (byte)b));
            }
        }
    }

    [Fact]
    public void EveryNonZeroElementTimesItsInverseIsOne()
    {
        for (var a = 1; a < 256; a++)
        {
            Assert.Equal(1, GaloisField256.Multiply((byte)a, GaloisField256.Inverse((byte)a)));
        }
    }

    [Fact]
    public void TheInverseOf0x53Is0xCA()
    {
        Assert.Equal(0xCA, GaloisField256.Inverse(0x53));
    }

    // Carry-less multiply then reduce by 0x11B, with branches: obviously correct, not constant-time.
    private static byte ReferenceMultiply(int a, int b)
    {
        var product = 0;
        for (var bit = 0; bit < 8; bit++)
        {
            if ((b & (1 << bit)) != 0)
            {
                product ^= a << bit;
            }
        }

        for (var bit = 14; bit >= 8; bit--)
        {
            if ((product & (1 << bit)) != 0)
            {
                product ^= 0x11B << (bit - 8);
            }
        }

        return (byte)product;
    }
}
