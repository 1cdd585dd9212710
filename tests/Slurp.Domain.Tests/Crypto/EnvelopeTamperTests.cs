using System.Text;
using Slurp.Domain.Crypto;

namespace Slurp.Domain.Tests.Crypto;

public sealed class EnvelopeTamperTests
{
    private const string AuthenticationFailed =
        "authentication failed: the ciphertext, its header or its context (node, version, layer) was altered, or the key is wrong";

    private static readonly EnvelopeContext Context = new("node/p/t/src", 3, "base");
    private static readonly byte[] Key = new DeterministicRandomSource(20).Bytes(32);
    private static readonly byte[] Plaintext = "the users endpoint validates its input"u8.ToArray();

    public static TheoryData<bool> CompressedOrNot => new() { true, false };

    [Fact]
    public void FlippingAnyBitOfTheCiphertextFailsAuthentication()
    {
        var envelope = Seal(compress: false);

        AssertEveryBitFlipFailsAuthentication(envelope, EnvelopeCipher.Overhead, envelope.Length);
    }

    [Fact]
    public void FlippingAnyBitOfTheTagFailsAuthentication()
    {
        var envelope = Seal(compress: false);
        var tag = EnvelopeCipher.HeaderLength + EnvelopeCipher.NonceLength;

        AssertEveryBitFlipFailsAuthentication(envelope, tag, tag + EnvelopeCipher.TagLength);
    }

    [Fact]
    public void FlippingAnyBitOfTheNonceFailsAuthentication()
    {
        var envelope = Seal(compress: false);

        AssertEveryBitFlipFailsAuthentication(
            envelope, EnvelopeCipher.HeaderLength, EnvelopeCipher.HeaderLength + EnvelopeCipher.NonceLength);
    }

    [Theory]
    [MemberData(nameof(CompressedOrNot))]
    public void FlippingAnyBitOfTheHeaderIsRefusedAsAFormatOrAuthenticationError(bool compress)
    {
        var envelope = Seal(compress);
        Assert.Equal(compress, EnvelopeCipher.ReadHeader(envelope).Compression == EnvelopeCompression.Zstd);

        for (var index = 0; index < EnvelopeCipher.HeaderLength; index++)
        {
            for (var bit = 0; bit < 8; bit++)
            {
                var tampered = Flip(envelope, index, bit);
                var error = Assert.Throws<EnvelopeException>(() => EnvelopeCipher.Open(tampered, Key, Context, 1 << 20));

                var expected = index switch
                {
                    < 3 => EnvelopeErrorKind.NotAnEnvelope,
                    3 => EnvelopeErrorKind.UnknownFormat,
                    4 => EnvelopeErrorKind.UnknownAlgorithm,
                    _ when bit == 0 => EnvelopeErrorKind.AuthenticationFailed,
                    _ => EnvelopeErrorKind.UnknownCompression,
                };
                Assert.Equal(expected, error.Kind);
            }
        }
    }

    [Theory]
    [MemberData(nameof(CompressedOrNot))]
    public void ClaimingTheOtherValidCompressionFailsAuthentication(bool compress)
    {
        var tampered = Flip(Seal(compress), 5, 0);

        var error = Assert.Throws<EnvelopeException>(() => EnvelopeCipher.Open(tampered, Key, Context, 1 << 20));

        Assert.Equal(AuthenticationFailed, error.Message);
    }

    [Fact]
    public void AnUnknownFormatVersionIsNamed()
    {
        var tampered = Seal(compress: false);
        tampered[3] = 7;

        var error = Assert.Throws<EnvelopeException>(() => EnvelopeCipher.Open(tampered, Key, Context, 1 << 20));

        Assert.Equal("unknown envelope format version 7", error.Message);
        Assert.Equal(EnvelopeErrorKind.UnknownFormat, error.Kind);
    }

    [Fact]
    public void AnUnknownAlgorithmIsNamed()
    {
        var tampered = Seal(compress: false);
        tampered[4] = 2;

        var error = Assert.Throws<EnvelopeException>(() => EnvelopeCipher.ReadHeader(tampered));

        Assert.Equal("unknown algorithm 2", error.Message);
    }

    [Fact]
    public void InputWithoutTheMagicIsNotAnEnvelope()
    {
        var error = Assert.Throws<EnvelopeException>(() =>
            EnvelopeCipher.Open(Encoding.UTF8.GetBytes("{\"plain\":\"json, not an envelope\"}"), Key, Context, 1 << 20));

        Assert.Equal("not a SLURP envelope: the magic bytes 'SLE' are missing", error.Message);
    }

    public static TheoryData<EnvelopeContext> OtherContexts => new()
    {
        new EnvelopeContext("node/p/t/src/api", 3, "base"),
        new EnvelopeContext("node/p/t/sr", 3, "base"),
        new EnvelopeContext("node/p/t/src", 4, "base"),
        new EnvelopeContext("node/p/t/src", 2, "base"),
        new EnvelopeContext("node/p/t/src", 3, "overlay:backend_developer"),
        new EnvelopeContext("node/p/t/src", 3, "Base"),
    };

    [Theory]
    [MemberData(nameof(OtherContexts))]
    public void OpeningUnderAnotherContextFailsAuthentication(EnvelopeContext other)
    {
        var envelope = Seal(compress: true);

        var error = Assert.Throws<EnvelopeException>(() => EnvelopeCipher.Open(envelope, Key, other, 1 << 20));

        Assert.Equal(AuthenticationFailed, error.Message);
        Assert.Equal(EnvelopeErrorKind.AuthenticationFailed, error.Kind);
    }

    [Theory]
    [MemberData(nameof(CompressedOrNot))]
    public void OpeningWithAnotherKeyFailsAuthentication(bool compress)
    {
        var envelope = Seal(compress);
        var otherKey = (byte[])Key.Clone();
        otherKey[31] ^= 1;

        var error = Assert.Throws<EnvelopeException>(() => EnvelopeCipher.Open(envelope, otherKey, Context, 1 << 20));

        Assert.Equal(AuthenticationFailed, error.Message);
    }

    [Fact]
    public void EveryTruncationIsRefusedWithAClearError()
    {
        var envelope = Seal(compress: false);
        Assert.True(envelope.Length > 40);

        for (var length = 0; length <= 40; length++)
        {
            var truncated = envelope[..length];
            var error = Assert.Throws<EnvelopeException>(() => EnvelopeCipher.Open(truncated, Key, Context, 1 << 20));

            if (length < EnvelopeCipher.Overhead)
            {
                Assert.Equal(EnvelopeErrorKind.Truncated, error.Kind);
                Assert.Equal($"truncated envelope: {length} bytes, at least {EnvelopeCipher.Overhead} expected", error.Message);
            }
            else
            {
                Assert.Equal(AuthenticationFailed, error.Message);
            }
        }
    }

    [Fact]
    public void EveryTruncationOfTheHeaderIsRefusedByReadHeader()
    {
        var envelope = Seal(compress: false);

        for (var length = 0; length < EnvelopeCipher.HeaderLength; length++)
        {
            var truncated = envelope[..length];
            Assert.Equal(EnvelopeErrorKind.Truncated, Assert.Throws<EnvelopeException>(() => EnvelopeCipher.ReadHeader(truncated)).Kind);
        }
    }

    [Fact]
    public void AppendingAByteFailsAuthentication()
    {
        var envelope = Seal(compress: true);

        var error = Assert.Throws<EnvelopeException>(() => EnvelopeCipher.Open([.. envelope, 0], Key, Context, 1 << 20));

        Assert.Equal(AuthenticationFailed, error.Message);
    }

    private static byte[] Seal(bool compress)
    {
        // Long enough to compress when asked, and past the 40 bytes the truncation test walks.
        var plaintext = compress ? [.. Plaintext, .. Plaintext, .. Plaintext, .. Plaintext] : Plaintext;
        return EnvelopeCipher.Seal(plaintext, Key, Context, new DeterministicRandomSource(7), compress);
    }

    private static byte[] Flip(byte[] envelope, int index, int bit)
    {
        var copy = (byte[])envelope.Clone();
        copy[index] ^= (byte)(1 << bit);
        return copy;
    }

    private static void AssertEveryBitFlipFailsAuthentication(byte[] envelope, int start, int end)
    {
        Assert.True(end > start);
        for (var index = start; index < end; index++)
        {
            for (var bit = 0; bit < 8; bit++)
            {
                var tampered = Flip(envelope, index, bit);
                var error = Assert.Throws<EnvelopeException>(() => EnvelopeCipher.Open(tampered, Key, Context, 1 << 20));
                Assert.Equal(AuthenticationFailed, error.Message);
                Assert.Equal(EnvelopeErrorKind.AuthenticationFailed, error.Kind);
            }
        }
    }
}
