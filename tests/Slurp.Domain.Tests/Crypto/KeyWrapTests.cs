using Slurp.Domain.Crypto;

namespace Slurp.Domain.Tests.Crypto;

public sealed class KeyWrapTests
{
    private const string AuthenticationFailed =
        "authentication failed: the wrapped key, its format byte or its context (purpose, subject, key version) was altered, "
        + "or the key-encryption key is wrong";

    private static readonly WrapContext Context = new("data-key", "role:backend_developer|node/p/t/src|v3|base", 7);
    private static readonly byte[] Kek = new DeterministicRandomSource(30).Bytes(32);
    private static readonly byte[] DataKey = new DeterministicRandomSource(31).Bytes(32);

    [Fact]
    public void AWrappedKeyUnwrapsToTheKey()
    {
        var wrapped = KeyWrap.Wrap(DataKey, Kek, Context, new DeterministicRandomSource(1));

        Assert.Equal(KeyWrap.WrappedLength, wrapped.Length);
        Assert.Equal(61, wrapped.Length);
        Assert.Equal(DataKey, KeyWrap.Unwrap(wrapped, Kek, Context));
    }

    [Fact]
    public void TheWrappedLayoutMatchesAnIndependentAesGcmComputation()
    {
        // KEK 80..9f, key 10..2f, nonce 60..6b; computed outside .NET.
        var kek = Enumerable.Range(0x80, 32).Select(b => (byte)b).ToArray();
        var key = Enumerable.Range(0x10, 32).Select(b => (byte)b).ToArray();
        var nonce = Enumerable.Range(0x60, 12).Select(b => (byte)b).ToArray();

        var wrapped = KeyWrap.Wrap(key, kek, Context, new ScriptedRandomSource(nonce));

        Assert.Equal(
            "01606162636465666768696a6bce20f0fbc9e84819d24347a57f2e18998dc74d7c203e13bb6ed160fcf663685b3d08859a2b6a60ee453552858cabce55",
            Convert.ToHexStringLower(wrapped));
    }

    [Fact]
    public void TheAssociatedDataIsTheLengthPrefixedLabelPurposeSubjectVersionAndFormat()
    {
        var associatedData = new WrapContext("role-key", "backend_developer", 2).ToAssociatedData([1]);

        Assert.Equal(
            "00000010736c7572702e6b6579777261702e7631" + "00000008726f6c652d6b6579"
            + "000000116261636b656e645f646576656c6f706572" + "00000002" + "0000000101",
            Convert.ToHexStringLower(associatedData));
    }

    [Fact]
    public void TwoWrapsOfTheSameKeyDiffer()
    {
        var random = new DeterministicRandomSource(1);

        Assert.NotEqual(KeyWrap.Wrap(DataKey, Kek, Context, random), KeyWrap.Wrap(DataKey, Kek, Context, random));
    }

    [Fact]
    public void UnwrappingWithAnotherKekFailsAuthentication()
    {
        var wrapped = KeyWrap.Wrap(DataKey, Kek, Context, new DeterministicRandomSource(1));

        var error = Assert.Throws<EnvelopeException>(() => KeyWrap.Unwrap(wrapped, DataKey, Context));

        Assert.Equal(AuthenticationFailed, error.Message);
        Assert.Equal(EnvelopeErrorKind.AuthenticationFailed, error.Kind);
    }

    public static TheoryData<WrapContext> OtherContexts => new()
    {
        new WrapContext("role-key", "role:backend_developer|node/p/t/src|v3|base", 7),
        new WrapContext("data-key", "role:frontend_developer|node/p/t/src|v3|base", 7),
        new WrapContext("data-key", "role:backend_developer|node/p/t/src|v4|base", 7),
        new WrapContext("data-key", "role:backend_developer|node/p/t/src|v3|base", 8),
    };

    [Theory]
    [MemberData(nameof(OtherContexts))]
    public void UnwrappingUnderAnotherContextFailsAuthentication(WrapContext other)
    {
        var wrapped = KeyWrap.Wrap(DataKey, Kek, Context, new DeterministicRandomSource(1));

        var error = Assert.Throws<EnvelopeException>(() => KeyWrap.Unwrap(wrapped, Kek, other));

        Assert.Equal(AuthenticationFailed, error.Message);
    }

    [Fact]
    public void FlippingAnyBitIsRefused()
    {
        var wrapped = KeyWrap.Wrap(DataKey, Kek, Context, new DeterministicRandomSource(1));

        for (var index = 0; index < wrapped.Length; index++)
        {
            for (var bit = 0; bit < 8; bit++)
            {
                var tampered = (byte[])wrapped.Clone();
                tampered[index] ^= (byte)(1 << bit);

                var error = Assert.Throws<EnvelopeException>(() => KeyWrap.Unwrap(tampered, Kek, Context));

                Assert.Equal(index == 0 ? EnvelopeErrorKind.UnknownFormat : EnvelopeErrorKind.AuthenticationFailed, error.Kind);
            }
        }
    }

    [Fact]
    public void AnUnknownFormatIsNamed()
    {
        var wrapped = KeyWrap.Wrap(DataKey, Kek, Context, new DeterministicRandomSource(1));
        wrapped[0] = 9;

        var error = Assert.Throws<EnvelopeException>(() => KeyWrap.Unwrap(wrapped, Kek, Context));

        Assert.Equal("unknown wrapped-key format version 9", error.Message);
    }

    [Fact]
    public void EveryWrongLengthIsRefused()
    {
        var wrapped = KeyWrap.Wrap(DataKey, Kek, Context, new DeterministicRandomSource(1));

        foreach (var candidate in Enumerable.Range(0, KeyWrap.WrappedLength).Select(n => wrapped[..n]).Append([.. wrapped, 0]))
        {
            var error = Assert.Throws<EnvelopeException>(() => KeyWrap.Unwrap(candidate, Kek, Context));

            Assert.Equal(EnvelopeErrorKind.Truncated, error.Kind);
            Assert.Equal($"truncated or oversized wrapped key: {candidate.Length} bytes, exactly 61 expected", error.Message);
        }
    }

    [Theory]
    [InlineData(16, 32)]
    [InlineData(32, 16)]
    [InlineData(33, 32)]
    [InlineData(32, 0)]
    public void KeysThatAreNot32BytesAreArgumentErrors(int keyLength, int kekLength)
    {
        Assert.Throws<ArgumentException>(() =>
            KeyWrap.Wrap(new byte[keyLength], new byte[kekLength], Context, new DeterministicRandomSource(1)));
    }

    [Fact]
    public void AMissingPurposeOrSubjectIsRejected()
    {
        Assert.ThrowsAny<ArgumentException>(() => new WrapContext("", "backend_developer", 1));
        Assert.ThrowsAny<ArgumentException>(() => new WrapContext("role-key", "", 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new WrapContext("role-key", "backend_developer", -1));
    }
}
