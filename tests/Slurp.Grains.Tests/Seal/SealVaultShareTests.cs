using System.Security.Cryptography;
using Slurp.Abstractions.Seal;
using Slurp.Domain.Crypto;
using Slurp.Grains.Seal;

namespace Slurp.Grains.Tests.Seal;

/// <summary>How a silo's vault counts unseal shares: the same share twice once, two different shares at one index never.</summary>
public sealed class SealVaultShareTests
{
    private readonly byte[] _master = RandomNumberGenerator.GetBytes(MasterKeyDerivation.MasterKeyLength);

    private SealConfig Config => new()
    {
        Mode = "shamir",
        Shares = 5,
        Threshold = 3,
        Verifier = MasterKeyDerivation.Verifier(_master),
        InitializedAt = DateTimeOffset.UnixEpoch,
    };

    [Fact]
    public void TheSameShareTwiceCountsOnce()
    {
        using var vault = new SealVault();
        var shares = Split();

        Assert.Equal(UnsealOutcome.Accepted, vault.Submit(Copy(shares[0]), Config));
        Assert.Equal(UnsealOutcome.Duplicate, vault.Submit(Copy(shares[0]), Config));

        Assert.Equal(1, vault.Progress);
    }

    [Fact]
    public void ADifferentShareAtAnIndexAlreadyGivenResetsTheProgress()
    {
        using var vault = new SealVault();
        var shares = Split();
        vault.Submit(Copy(shares[0]), Config);
        vault.Submit(Copy(shares[1]), Config);
        var mistyped = Copy(shares[1]);
        mistyped.Y[0] ^= 0x01;

        Assert.Equal(UnsealOutcome.ConflictingShare, vault.Submit(mistyped, Config));

        Assert.Equal(0, vault.Progress);
        Assert.True(vault.IsSealed);
        vault.Submit(Copy(shares[1]), Config);
        vault.Submit(Copy(shares[2]), Config);
        Assert.Equal(UnsealOutcome.Unsealed, vault.Submit(Copy(shares[3]), Config));
    }

    private IReadOnlyList<ShamirShare> Split() => ShamirSecretSharing.Split(_master, 5, 3, SystemRandomSource.Instance);

    // The vault zeroes the shares it holds once it combines or resets them: give it copies.
    private static ShamirShare Copy(ShamirShare share) => new(share.X, [.. share.Y]);
}
