using Slurp.Domain.Crypto;

namespace Slurp.Domain.Tests.Crypto;

public sealed class ShamirShareParsingTests
{
    [Fact]
    public void AShareSurvivesItsBase64Text()
    {
        var share = new ShamirShare(200, new DeterministicRandomSource(5).Bytes(32));

        Assert.True(ShamirShare.TryParse(share.ToBase64(), out var parsed, out var error));
        Assert.Null(error);
        Assert.Equal(share, parsed);
    }

    [Fact]
    public void TheBase64TextIsTheXByteThenTheValue()
    {
        Assert.Equal(Convert.ToBase64String([3, 0xAA, 0xBB]), new ShamirShare(3, [0xAA, 0xBB]).ToBase64());
    }

    [Fact]
    public void SurroundingWhitespaceIsIgnored()
    {
        var share = new ShamirShare(9, [1, 2, 3, 4]);

        Assert.Equal(share, ShamirShare.Parse("  " + share.ToBase64() + "\r\n"));
    }

    [Theory]
    [InlineData(null, "the share is empty")]
    [InlineData("", "the share is empty")]
    [InlineData("   ", "the share is empty")]
    [InlineData("not base64!", "the share is not valid base64")]
    [InlineData("AQ==", "the share is too short: it needs an x-coordinate byte and at least one value byte")]
    [InlineData("AAEC", "the share has x-coordinate 0, which is never issued")]
    public void TextThatIsNotAShareIsRejectedWithItsReason(string? text, string expected)
    {
        Assert.False(ShamirShare.TryParse(text, out var share, out var error));
        Assert.Null(share);
        Assert.Equal(expected, error);
        Assert.Equal(expected, Assert.Throws<CryptoFormatException>(() => ShamirShare.Parse(text)).Message);
    }

    [Fact]
    public void AShareLongerThan64ValueBytesIsRejected()
    {
        var bytes = new byte[66];
        bytes[0] = 1;
        var text = Convert.ToBase64String(bytes);

        Assert.False(ShamirShare.TryParse(text, out _, out var error));
        Assert.Equal("the share is too long: 65 value bytes, at most 64", error);
    }

    [Fact]
    public void ANullValueIsRejected()
    {
        Assert.Throws<ArgumentNullException>(() => new ShamirShare(1, null!));
    }
}
