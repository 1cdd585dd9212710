using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Slurp.Domain.Crypto;

namespace Slurp.Domain.Tests.Crypto;

public sealed class ShamirProperties
{
    /// <summary>A secret, N in 2..10, K in 2..N, a seed for the coefficients and N x-indices in random order.</summary>
    private static readonly Gen<(byte[] Secret, int N, int K, int Seed, int[] Order)> Scenario =
        from length in Gen.Choose(16, 64)
        from secret in Gen.ArrayOf(Gen.Choose(0, 255).Select(b => (byte)b), length)
        from n in Gen.Choose(2, 10)
        from k in Gen.Choose(2, n)
        from seed in Gen.Choose(int.MinValue, int.MaxValue)
        from order in Gen.Shuffle(Enumerable.Range(0, n).ToArray())
        select (secret, n, k, seed, order);

    private static readonly Gen<byte[]> AnySecret =
        from length in Gen.Choose(1, 64)
        from secret in Gen.ArrayOf(Gen.Choose(0, 255).Select(b => (byte)b), length)
        select secret;

    [Property(MaxTest = 500)]
    public Property AnyKOfTheNSharesInAnyOrderRecoverTheSecret() =>
        Prop.ForAll(Scenario.ToArbitrary(), s =>
        {
            var shares = ShamirSecretSharing.Split(s.Secret, s.N, s.K, new DeterministicRandomSource(s.Seed));
            var subset = s.Order.Take(s.K).Select(i => shares[i]).ToArray();
            return ShamirSecretSharing.Combine(subset).AsSpan().SequenceEqual(s.Secret);
        });

    [Property(MaxTest = 300)]
    public Property MoreThanKSharesAlsoRecoverTheSecret() =>
        Prop.ForAll(Scenario.ToArbitrary(), s =>
        {
            var shares = ShamirSecretSharing.Split(s.Secret, s.N, s.K, new DeterministicRandomSource(s.Seed));
            return ShamirSecretSharing.Combine([.. s.Order.Select(i => shares[i])]).AsSpan().SequenceEqual(s.Secret);
        });

    // K−1 shares interpolate to a value independent of the secret, uniform per byte: it equals the secret
    // with probability 2^-8 per byte, so at 16+ bytes a false failure has probability at most 2^-128.
    // With K = 2, K−1 is a single share, which Combine rejects outright.
    [Property(MaxTest = 500)]
    public Property KMinusOneSharesDoNotRecoverTheSecret() =>
        Prop.ForAll(Scenario.ToArbitrary(), s =>
        {
            var shares = ShamirSecretSharing.Split(s.Secret, s.N, s.K, new DeterministicRandomSource(s.Seed));
            var subset = s.Order.Take(s.K - 1).Select(i => shares[i]).ToArray();
            if (subset.Length < 2)
            {
                return Throws(() => ShamirSecretSharing.Combine(subset));
            }

            return !ShamirSecretSharing.Combine(subset).AsSpan().SequenceEqual(s.Secret);
        });

    [Property(MaxTest = 300)]
    public Property SecretsOfEveryLengthSurviveATwoOfThreeSplit() =>
        Prop.ForAll(AnySecret.ToArbitrary(), Gen.Choose(0, 2).ToArbitrary(), (secret, skip) =>
        {
            var shares = ShamirSecretSharing.Split(secret, 3, 2, new DeterministicRandomSource(secret.Length));
            var two = shares.Where((_, i) => i != skip).ToArray();
            return ShamirSecretSharing.Combine(two).AsSpan().SequenceEqual(secret);
        });

    [Property(MaxTest = 300)]
    public Property EveryShareSurvivesItsBase64Text() =>
        Prop.ForAll(AnySecret.ToArbitrary(), Gen.Choose(1, 255).ToArbitrary(), (y, x) =>
        {
            var share = new ShamirShare((byte)x, y);
            return ShamirShare.TryParse(share.ToBase64(), out var parsed, out var error) && error is null && parsed == share;
        });

    private static bool Throws(Action action)
    {
        try
        {
            action();
            return false;
        }
        catch (CryptoFormatException)
        {
            return true;
        }
    }
}
