using System.Text;
using Slurp.Domain.Crypto;

namespace Slurp.Domain.Tests.Crypto;

public sealed class EnvelopeCipherTests
{
    private const int OneMiB = 1024 * 1024;

    private static readonly EnvelopeContext Context = new("node/p/t/src", 3, "base");
    private static readonly byte[] Key = new DeterministicRandomSource(10).Bytes(32);
    private static readonly byte[] Text = Encoding.UTF8.GetBytes(
        string.Concat(Enumerable.Repeat("{\"summary\":\"handles users\",\"tags\":[\"api\",\"users\"]},", 40)));

    [Fact]
    public void ASealedEnvelopeOpensToThePlaintext()
    {
        var envelope = EnvelopeCipher.Seal(Text, Key, Context, new DeterministicRandomSource(1));

        Assert.Equal(Text, EnvelopeCipher.Open(envelope, Key, Context, Text.Length));
    }

    [Fact]
    public void CompressibleTextIsSealedCompressed()
    {
        var envelope = EnvelopeCipher.Seal(Text, Key, Context, new DeterministicRandomSource(1));

        Assert.Equal(EnvelopeCompression.Zstd, EnvelopeCipher.ReadHeader(envelope).Compression);
        Assert.True(envelope.Length < Text.Length / 2, $"{envelope.Length} bytes for {Text.Length} of text");
    }

    [Fact]
    public void WithoutCompressionTheEnvelopeIsThePlaintextPlusTheOverhead()
    {
        var envelope = EnvelopeCipher.Seal(Text, Key, Context, new DeterministicRandomSource(1), compress: false);

        Assert.Equal(EnvelopeCompression.None, EnvelopeCipher.ReadHeader(envelope).Compression);
        Assert.Equal(Text.Length + EnvelopeCipher.Overhead, envelope.Length);
        Assert.Equal(Text, EnvelopeCipher.Open(envelope, Key, Context, Text.Length));
    }

    [Fact]
    public void IncompressiblePlaintextIsStoredUncompressedEvenWhenCompressionIsAsked()
    {
        var random = new DeterministicRandomSource(2).Bytes(4096);

        var envelope = EnvelopeCipher.Seal(random, Key, Context, new DeterministicRandomSource(1));

        Assert.Equal(EnvelopeCompression.None, EnvelopeCipher.ReadHeader(envelope).Compression);
        Assert.Equal(random, EnvelopeCipher.Open(envelope, Key, Context, random.Length));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void AnEmptyPlaintextRoundTrips(bool compress)
    {
        var envelope = EnvelopeCipher.Seal([], Key, Context, new DeterministicRandomSource(1), compress);

        Assert.Equal(EnvelopeCipher.Overhead, envelope.Length);
        Assert.Empty(EnvelopeCipher.Open(envelope, Key, Context, 0));
    }

    [Theory]
    [InlineData(true, true)]
    [InlineData(true, false)]
    [InlineData(false, true)]
    [InlineData(false, false)]
    public void AOneMebibytePlaintextRoundTrips(bool compressible, bool compress)
    {
        var plaintext = compressible
            ? Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("line of context text 0123456789\n", OneMiB / 32)))
            : new DeterministicRandomSource(3).Bytes(OneMiB);

        var envelope = EnvelopeCipher.Seal(plaintext, Key, Context, new DeterministicRandomSource(1), compress);

        Assert.Equal(OneMiB, plaintext.Length);
        Assert.Equal(plaintext, EnvelopeCipher.Open(envelope, Key, Context, OneMiB));
    }

    [Fact]
    public void TwoSealsOfTheSamePlaintextDiffer()
    {
        var random = new DeterministicRandomSource(1);

        var first = EnvelopeCipher.Seal(Text, Key, Context, random);
        var second = EnvelopeCipher.Seal(Text, Key, Context, random);

        Assert.NotEqual(first, second);
        Assert.NotEqual(first.AsSpan(EnvelopeCipher.HeaderLength, EnvelopeCipher.NonceLength).ToArray(),
            second.AsSpan(EnvelopeCipher.HeaderLength, EnvelopeCipher.NonceLength).ToArray());
    }

    [Fact]
    public void TheSystemRandomSourceGivesFreshNoncesToo()
    {
        var first = EnvelopeCipher.Seal(Text, Key, Context, SystemRandomSource.Instance);
        var second = EnvelopeCipher.Seal(Text, Key, Context, SystemRandomSource.Instance);

        Assert.NotEqual(first, second);
        Assert.Equal(Text, EnvelopeCipher.Open(second, Key, Context, Text.Length));
    }

    [Fact]
    public void TheEnvelopeLayoutMatchesAnIndependentAesGcmComputation()
    {
        // Key 00..1f, nonce 40..4b, context (node/p/t/src, 3, base); computed outside .NET.
        var key = Enumerable.Range(0, 32).Select(b => (byte)b).ToArray();
        var nonce = Enumerable.Range(0x40, 12).Select(b => (byte)b).ToArray();
        var plaintext = "hello, envelope"u8.ToArray();

        var envelope = EnvelopeCipher.Seal(plaintext, key, Context, new ScriptedRandomSource(nonce), compress: false);

        Assert.Equal(
            "534c45010100404142434445464748494a4bfba67d34d7d2d207374652e01821fb5d8adcc24f4910a766a3b2725af41476",
            Convert.ToHexStringLower(envelope));
    }

    [Fact]
    public void TheHeaderIsReadBack()
    {
        var envelope = EnvelopeCipher.Seal(Text, Key, Context, new DeterministicRandomSource(1));

        Assert.Equal(
            new EnvelopeHeader(1, EnvelopeAlgorithm.Aes256Gcm, EnvelopeCompression.Zstd),
            EnvelopeCipher.ReadHeader(envelope));
        Assert.Equal("SLE"u8.ToArray(), envelope[..3]);
    }

    [Fact]
    public void APlaintextOverTheLimitIsRefused()
    {
        var envelope = EnvelopeCipher.Seal(Text, Key, Context, new DeterministicRandomSource(1), compress: false);

        var error = Assert.Throws<EnvelopeException>(() => EnvelopeCipher.Open(envelope, Key, Context, Text.Length - 1));

        Assert.Equal(EnvelopeErrorKind.TooLarge, error.Kind);
        Assert.Equal($"plaintext of {Text.Length} bytes exceeds the limit of {Text.Length - 1} bytes", error.Message);
    }

    [Fact]
    public void ACompressedPlaintextOverTheLimitIsRefused()
    {
        var zeros = new byte[OneMiB];
        var envelope = EnvelopeCipher.Seal(zeros, Key, Context, new DeterministicRandomSource(1));

        var error = Assert.Throws<EnvelopeException>(() => EnvelopeCipher.Open(envelope, Key, Context, 4096));

        Assert.True(envelope.Length < 1024);
        Assert.Equal(EnvelopeErrorKind.TooLarge, error.Kind);
        Assert.Equal("plaintext exceeds the limit of 4096 bytes once decompressed", error.Message);
    }

    [Fact]
    public void ACompressedBodyAlreadyOverTheLimitIsRefusedBeforeDecrypting()
    {
        var envelope = EnvelopeCipher.Seal(Text, Key, Context, new DeterministicRandomSource(1));
        var body = envelope.Length - EnvelopeCipher.Overhead;

        var error = Assert.Throws<EnvelopeException>(() => EnvelopeCipher.Open(envelope, Key, Context, body - 1));

        Assert.Equal(EnvelopeErrorKind.TooLarge, error.Kind);
        Assert.Equal($"compressed plaintext of {body} bytes already exceeds the limit of {body - 1} bytes", error.Message);
    }

    [Fact]
    public void AuthenticatedGarbageMarkedAsZstdIsACorruptPayloadNotGarbageOutput()
    {
        // A key holder could seal bytes that claim zstd but are not: build one by hand with the real header.
        var body = "definitely not zstd"u8.ToArray();
        var envelope = EnvelopeCipher.Seal(body, Key, Context, new DeterministicRandomSource(1), compress: false);
        envelope[5] = (byte)EnvelopeCompression.Zstd;
        var resealed = Reseal(envelope, body);

        var error = Assert.Throws<EnvelopeException>(() => EnvelopeCipher.Open(resealed, Key, Context, 1000));

        Assert.Equal(EnvelopeErrorKind.CorruptPayload, error.Kind);
        Assert.StartsWith("the authenticated payload does not decompress", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(16)]
    [InlineData(31)]
    [InlineData(33)]
    [InlineData(64)]
    public void AKeyThatIsNot32BytesIsAnArgumentError(int length)
    {
        var envelope = EnvelopeCipher.Seal(Text, Key, Context, new DeterministicRandomSource(1));

        Assert.Throws<ArgumentException>(() => EnvelopeCipher.Seal(Text, new byte[length], Context, new DeterministicRandomSource(1)));
        Assert.Throws<ArgumentException>(() => EnvelopeCipher.Open(envelope, new byte[length], Context, 1000));
    }

    // Re-encrypts body under the (possibly edited) header of envelope, keeping its nonce: a valid, authentic envelope.
    private static byte[] Reseal(byte[] envelope, byte[] body)
    {
        var result = new byte[EnvelopeCipher.Overhead + body.Length];
        envelope.AsSpan(0, EnvelopeCipher.HeaderLength + EnvelopeCipher.NonceLength).CopyTo(result);
        using var aes = new System.Security.Cryptography.AesGcm(Key, EnvelopeCipher.TagLength);
        aes.Encrypt(
            result.AsSpan(EnvelopeCipher.HeaderLength, EnvelopeCipher.NonceLength), body,
            result.AsSpan(EnvelopeCipher.Overhead),
            result.AsSpan(EnvelopeCipher.HeaderLength + EnvelopeCipher.NonceLength, EnvelopeCipher.TagLength),
            Context.ToAssociatedData(result.AsSpan(0, EnvelopeCipher.HeaderLength)));
        return result;
    }
}
