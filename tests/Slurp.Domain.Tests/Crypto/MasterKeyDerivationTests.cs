using Slurp.Domain.Crypto;

namespace Slurp.Domain.Tests.Crypto;

public sealed class MasterKeyDerivationTests
{
    private static readonly byte[] MasterKey = Enumerable.Range(0, 32).Select(b => (byte)b).ToArray();

    [Fact]
    public void ADerivedKeyMatchesAnIndependentHkdfComputation()
    {
        // HKDF-SHA256, no salt, info "slurp.master.v1|role-key-wrap"; computed outside .NET.
        var key = MasterKeyDerivation.DeriveKey(MasterKey, MasterKeyDerivation.RoleKeyWrapPurpose);

        Assert.Equal("cf97455dd973d0ad6b2fb30e3dc26e323ddfe6f57df97f46c683dfecc514ad9d", Convert.ToHexStringLower(key));
    }

    [Fact]
    public void DistinctPurposesGiveDistinctKeys()
    {
        string[] purposes =
        [
            MasterKeyDerivation.RoleKeyWrapPurpose, MasterKeyDerivation.ContentHashPurpose,
            MasterKeyDerivation.AuditHmacPurpose, MasterKeyDerivation.SealVerifierPurpose, "index:proj",
        ];

        var keys = purposes.Select(purpose => Convert.ToHexString(MasterKeyDerivation.DeriveKey(MasterKey, purpose))).ToList();

        Assert.Equal(purposes.Length, keys.Distinct().Count());
    }

    [Fact]
    public void TheSamePurposeGivesTheSameKey()
    {
        Assert.Equal(
            MasterKeyDerivation.DeriveKey(MasterKey, "audit-hmac"),
            MasterKeyDerivation.DeriveKey(MasterKey, "audit-hmac"));
    }

    [Fact]
    public void AnotherMasterKeyGivesAnotherKey()
    {
        var other = (byte[])MasterKey.Clone();
        other[0] ^= 1;

        Assert.NotEqual(MasterKeyDerivation.DeriveKey(MasterKey, "audit-hmac"), MasterKeyDerivation.DeriveKey(other, "audit-hmac"));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(16)]
    [InlineData(64)]
    [InlineData(8160)]
    public void TheRequestedLengthIsHonoured(int length)
    {
        Assert.Equal(length, MasterKeyDerivation.DeriveKey(MasterKey, "content-hash", length).Length);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(8161)]
    public void ALengthOutside1To8160IsRejected(int length)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => MasterKeyDerivation.DeriveKey(MasterKey, "content-hash", length));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(31)]
    [InlineData(33)]
    public void AMasterKeyThatIsNot32BytesIsRejected(int length)
    {
        var error = Assert.Throws<ArgumentException>(() => MasterKeyDerivation.DeriveKey(new byte[length], "content-hash"));

        Assert.Contains("must be 32 bytes", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AnEmptyPurposeIsRejected()
    {
        Assert.ThrowsAny<ArgumentException>(() => MasterKeyDerivation.DeriveKey(MasterKey, ""));
    }

    [Fact]
    public void TheVerifierMatchesAnIndependentComputation()
    {
        Assert.Equal("x/ZhnU2ZGi/wXiVa/YmSXwz7I6EjqPb1uDAcifT98Bg=", MasterKeyDerivation.Verifier(MasterKey));
    }

    [Fact]
    public void TheVerifierAcceptsTheRightKey()
    {
        var verifier = MasterKeyDerivation.Verifier(MasterKey);

        Assert.True(MasterKeyDerivation.Verify(MasterKey, verifier));
    }

    [Fact]
    public void TheVerifierRejectsAWrongKey()
    {
        var verifier = MasterKeyDerivation.Verifier(MasterKey);
        var wrong = (byte[])MasterKey.Clone();
        wrong[17] ^= 0x80;

        Assert.False(MasterKeyDerivation.Verify(wrong, verifier));
    }

    [Fact]
    public void TheVerifierRejectsASecretCombinedFromTooFewShares()
    {
        var masterKey = new DeterministicRandomSource(40).Bytes(32);
        var verifier = MasterKeyDerivation.Verifier(masterKey);
        var shares = ShamirSecretSharing.Split(masterKey, 5, 3, new DeterministicRandomSource(41));

        Assert.True(MasterKeyDerivation.Verify(ShamirSecretSharing.Combine([shares[0], shares[3], shares[4]]), verifier));
        Assert.False(MasterKeyDerivation.Verify(ShamirSecretSharing.Combine([shares[0], shares[3]]), verifier));
    }

    [Theory]
    [InlineData("")]
    [InlineData("not base64")]
    [InlineData("AAAA")]
    [InlineData("x/ZhnU2ZGi/wXiVa/YmSXwz7I6EjqPb1uDAcifT98BgA")]
    public void AMalformedVerifierIsRejectedWithoutThrowing(string verifier)
    {
        Assert.False(MasterKeyDerivation.Verify(MasterKey, verifier));
    }

    [Fact]
    public void AKeyOfTheWrongLengthIsRejectedWithoutThrowing()
    {
        Assert.False(MasterKeyDerivation.Verify(new byte[16], MasterKeyDerivation.Verifier(MasterKey)));
    }
}
