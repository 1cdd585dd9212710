using Slurp.Domain.Crypto;

namespace Slurp.Domain.Tests.Crypto;

public sealed class ShamirSecretSharingTests
{
    private static readonly byte[] KnownSecret = [0x53, 0x2A, 0x00, 0xFF];

    // Coefficients are drawn byte-major: a1, a2 of secret byte 0, then a1, a2 of byte 1, ...
    private static readonly byte[] KnownCoefficients = [0xA1, 0xA2, 0xA3, 0xA4, 0xA5, 0xA6, 0xA7, 0xA8];

    // Computed by an independent reference implementation (f(x) = s + a1·x + a2·x² over GF(2^8)/0x11B).
    private static readonly string[] KnownShares = ["AVAtA/A=", "ArTR/zw=", "A7fW/DM=", "BC8+LDs=", "BSw5LzQ="];

    [Fact]
    public void FixedCoefficientsGiveTheKnownShares()
    {
        var random = new ScriptedRandomSource(KnownCoefficients);

        var shares = ShamirSecretSharing.Split(KnownSecret, 5, 3, random);

        Assert.Equal(KnownShares, shares.Select(share => share.ToBase64()));
        Assert.Equal(0, random.Remaining);
    }

    [Fact]
    public void TheKnownSharesCombineToTheKnownSecret()
    {
        var shares = KnownShares.Select(ShamirShare.Parse).ToArray();

        Assert.Equal(KnownSecret, ShamirSecretSharing.Combine([shares[4], shares[1], shares[2]]));
        Assert.Equal(KnownSecret, ShamirSecretSharing.Combine(shares));
    }

    [Fact]
    public void SharesHaveXCoordinatesOneToN()
    {
        var shares = ShamirSecretSharing.Split(new byte[32], 7, 4, new DeterministicRandomSource(1));

        Assert.Equal(Enumerable.Range(1, 7).Select(x => (byte)x), shares.Select(share => share.X));
        Assert.All(shares, share => Assert.Equal(32, share.Y.Length));
    }

    [Fact]
    public void TheMaximumOf255SharesWorks()
    {
        var secret = new DeterministicRandomSource(2).Bytes(64);

        var shares = ShamirSecretSharing.Split(secret, 255, 255, new DeterministicRandomSource(3));

        Assert.Equal(255, shares[^1].X);
        Assert.Equal(secret, ShamirSecretSharing.Combine(shares));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(65)]
    public void ASecretOutside1To64BytesIsRejected(int length)
    {
        var error = Assert.Throws<ArgumentException>(() =>
            ShamirSecretSharing.Split(new byte[length], 5, 3, new DeterministicRandomSource(1)));

        Assert.Contains("1 to 64 bytes", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(256, 3)]
    public void AShareCountOutside2To255IsRejected(int shares, int threshold)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() =>
            ShamirSecretSharing.Split(new byte[16], shares, threshold, new DeterministicRandomSource(1)));

        Assert.Equal("shares", error.ParamName);
        Assert.Contains("2 to 255", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(5, 6)]
    [InlineData(5, 1)]
    [InlineData(5, 0)]
    public void AThresholdBelow2OrAboveTheShareCountIsRejected(int shares, int threshold)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() =>
            ShamirSecretSharing.Split(new byte[16], shares, threshold, new DeterministicRandomSource(1)));

        Assert.Equal("threshold", error.ParamName);
        Assert.Contains("at least 2 and at most the number of shares (5)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CombiningOneShareIsRejected()
    {
        var shares = ShamirSecretSharing.Split(new byte[16], 3, 2, new DeterministicRandomSource(1));

        var error = Assert.Throws<CryptoFormatException>(() => ShamirSecretSharing.Combine([shares[0]]));

        Assert.Equal("at least 2 shares are needed to recover a secret, got 1", error.Message);
    }

    [Fact]
    public void CombiningNoShareIsRejected()
    {
        var error = Assert.Throws<CryptoFormatException>(() => ShamirSecretSharing.Combine([]));

        Assert.Contains("got 0", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CombiningTheSameShareTwiceIsRejected()
    {
        var shares = ShamirSecretSharing.Split(new byte[16], 5, 3, new DeterministicRandomSource(1));

        var error = Assert.Throws<CryptoFormatException>(() => ShamirSecretSharing.Combine([shares[0], shares[2], shares[2]]));

        Assert.Equal("share #3 repeats x-coordinate 3: each share must be different", error.Message);
    }

    [Fact]
    public void CombiningSharesWithTheSameXButDifferentValuesIsRejected()
    {
        var error = Assert.Throws<CryptoFormatException>(() =>
            ShamirSecretSharing.Combine([new ShamirShare(4, [1, 2]), new ShamirShare(4, [3, 4])]));

        Assert.Contains("repeats x-coordinate 4", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CombiningAShareWithXZeroIsRejected()
    {
        var error = Assert.Throws<CryptoFormatException>(() =>
            ShamirSecretSharing.Combine([new ShamirShare(1, [1, 2]), new ShamirShare(0, [3, 4])]));

        Assert.Equal("share #2 has x-coordinate 0, which is never issued", error.Message);
    }

    [Fact]
    public void CombiningSharesOfDifferentLengthsIsRejected()
    {
        var error = Assert.Throws<CryptoFormatException>(() =>
            ShamirSecretSharing.Combine([new ShamirShare(1, [1, 2]), new ShamirShare(2, [3, 4, 5])]));

        Assert.Contains("different lengths (2 and 3 bytes)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CombiningAnEmptyShareIsRejected()
    {
        var error = Assert.Throws<CryptoFormatException>(() =>
            ShamirSecretSharing.Combine([new ShamirShare(1, []), new ShamirShare(2, [])]));

        Assert.Contains("holds 0 bytes", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CombiningANullShareIsRejected()
    {
        Assert.Throws<ArgumentNullException>(() => ShamirSecretSharing.Combine([new ShamirShare(1, [1]), null!]));
    }

    [Fact]
    public void TheShareTextDoesNotRevealTheValue()
    {
        Assert.Equal("ShamirShare { X = 7, Length = 3 }", new ShamirShare(7, [1, 2, 3]).ToString());
    }

    [Fact]
    public void SharesWithEqualCoordinatesAreEqual()
    {
        Assert.Equal(new ShamirShare(7, [1, 2, 3]), new ShamirShare(7, [1, 2, 3]));
        Assert.NotEqual(new ShamirShare(7, [1, 2, 3]), new ShamirShare(7, [1, 2, 4]));
        Assert.NotEqual(new ShamirShare(7, [1, 2, 3]), new ShamirShare(8, [1, 2, 3]));
    }
}
