using Slurp.Domain.Crypto;

namespace Slurp.Domain.Tests.Crypto;

public sealed class EnvelopeContextTests
{
    private static readonly byte[] Header = [0x53, 0x4C, 0x45, 1, 1, 1];

    [Fact]
    public void TheAssociatedDataIsTheLengthPrefixedPurposeNodeVersionLayerAndHeader()
    {
        var associatedData = new EnvelopeContext("node/p/t/src", 3, "base").ToAssociatedData(Header);

        Assert.Equal(
            "00000011736c7572702e656e76656c6f70652e7631" // len ‖ "slurp.envelope.v1"
            + "0000000c6e6f64652f702f742f737263" // len ‖ "node/p/t/src"
            + "00000003" // version 3
            + "000000046261736500000006534c45010101", // len ‖ "base", len ‖ header
            Convert.ToHexStringLower(associatedData));
    }

    [Fact]
    public void ShiftingCharactersBetweenNodeAndLayerChangesTheAssociatedData()
    {
        var first = new EnvelopeContext("node/p/t/ab", 1, "c").ToAssociatedData(Header);
        var second = new EnvelopeContext("node/p/t/a", 1, "bc").ToAssociatedData(Header);

        Assert.NotEqual(first, second);
    }

    [Fact]
    public void TheHeaderIsPartOfTheAssociatedData()
    {
        var context = new EnvelopeContext("node/p/t/src", 3, "base");

        Assert.NotEqual(context.ToAssociatedData(Header), context.ToAssociatedData([0x53, 0x4C, 0x45, 1, 1, 0]));
    }

    [Theory]
    [InlineData(null, "base")]
    [InlineData("", "base")]
    [InlineData("node/p/t/src", null)]
    [InlineData("node/p/t/src", "")]
    public void AMissingOrMalformedFieldIsRejected(string? nodeKey, string? layer)
    {
        Assert.ThrowsAny<ArgumentException>(() => new EnvelopeContext(nodeKey!, 1, layer!));
    }

    // Lone surrogates would become U+FFFD in UTF-8, so two different contexts could share associated data.
    // (Facts, not InlineData: xunit's serialization of theory data replaces lone surrogates.)
    [Fact]
    public void ANodeKeyWithAnUnpairedSurrogateIsRejected()
    {
        Assert.Throws<ArgumentException>(() => new EnvelopeContext("node/p/t/\uD800", 1, "base"));
    }

    [Fact]
    public void ALayerWithAnUnpairedSurrogateIsRejected()
    {
        Assert.Throws<ArgumentException>(() => new EnvelopeContext("node/p/t/src", 1, "base\uDC00"));
    }

    [Fact]
    public void ANegativeVersionIsRejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new EnvelopeContext("node/p/t/src", -1, "base"));
    }

    [Fact]
    public void ContextsWithEqualFieldsAreEqual()
    {
        Assert.Equal(new EnvelopeContext("node/p/t/src", 3, "base"), new EnvelopeContext("node/p/t/src", 3, "base"));
    }
}
