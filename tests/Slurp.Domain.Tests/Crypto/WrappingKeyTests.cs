using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Slurp.Domain.Crypto;

namespace Slurp.Domain.Tests.Crypto;

/// <summary>A held key-encryption key wraps and unwraps exactly as <see cref="KeyWrap"/> does, however often and from however many threads.</summary>
public sealed class WrappingKeyTests
{
    private static readonly WrapContext Context = new("data-key", "role:backend_developer|node/p/t/src|v3|base", 7);
    private static readonly byte[] Kek = new DeterministicRandomSource(40).Bytes(32);
    private static readonly byte[] DataKey = new DeterministicRandomSource(41).Bytes(32);

    [Fact]
    public void AWrapIsByteForByteTheOneKeyWrapMakesWithTheSameNonce()
    {
        using var wrapping = new WrappingKey(Kek);
        var nonce = Enumerable.Range(0x60, 12).Select(b => (byte)b).ToArray();

        var held = wrapping.Wrap(DataKey, Context, new ScriptedRandomSource(nonce));
        var direct = KeyWrap.Wrap(DataKey, Kek, Context, new ScriptedRandomSource(nonce));

        Assert.Equal(direct, held);
    }

    [Property(MaxTest = 100)]
    public Property AnyKeyWrappedEitherWayUnwrapsEitherWay() =>
        Prop.ForAll(
            Gen.ArrayOf(ArbMap.Default.GeneratorFor<byte>(), 32).ToArbitrary(),
            Gen.Elements("data-key", "role-key", "x").ToArbitrary(),
            Gen.Choose(0, 1000).ToArbitrary(),
            (key, purpose, version) =>
            {
                var context = new WrapContext(purpose, "subject", version);
                using var wrapping = new WrappingKey(Kek);
                var random = new DeterministicRandomSource(version);
                return wrapping.Unwrap(KeyWrap.Wrap(key, Kek, context, random), context).SequenceEqual(key)
                    && KeyWrap.Unwrap(wrapping.Wrap(key, context, random), Kek, context).SequenceEqual(key)
                    && wrapping.Unwrap(wrapping.Wrap(key, context, random), context).SequenceEqual(key);
            });

    [Fact]
    public void ManyThreadsWrappingAndUnwrappingAtOnceEachGetTheirOwnKeyBack()
    {
        using var wrapping = new WrappingKey(Kek);
        var failures = 0;

        Parallel.For(0, 2000, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
        {
            var key = new DeterministicRandomSource(i).Bytes(32);
            var context = new WrapContext("data-key", "node " + i, i);
            var wrapped = wrapping.Wrap(key, context, SystemRandomSource.Instance);
            if (!wrapping.Unwrap(wrapped, context).SequenceEqual(key) || !KeyWrap.Unwrap(wrapped, Kek, context).SequenceEqual(key))
            {
                Interlocked.Increment(ref failures);
            }
        });

        Assert.Equal(0, failures);
    }

    [Fact]
    public void UnwrappingUnderAnotherContextFailsAuthenticationAndTheKeyStaysUsable()
    {
        using var wrapping = new WrappingKey(Kek);
        var wrapped = wrapping.Wrap(DataKey, Context, new DeterministicRandomSource(1));

        var error = Assert.Throws<EnvelopeException>(() => wrapping.Unwrap(wrapped, new WrapContext("data-key", "another node", 7)));

        Assert.Equal(EnvelopeErrorKind.AuthenticationFailed, error.Kind);
        Assert.Equal(DataKey, wrapping.Unwrap(wrapped, Context));
    }

    [Fact]
    public void ATruncatedWrappedKeyIsRefusedByLength()
    {
        using var wrapping = new WrappingKey(Kek);
        var wrapped = wrapping.Wrap(DataKey, Context, new DeterministicRandomSource(1));

        var error = Assert.Throws<EnvelopeException>(() => wrapping.Unwrap(wrapped.AsSpan(0, 60), Context));

        Assert.Equal(EnvelopeErrorKind.Truncated, error.Kind);
    }

    [Fact]
    public void TheKeyIsCopiedSoTheCallerMayZeroItsOwnBuffer()
    {
        var mine = Kek.ToArray();
        using var wrapping = new WrappingKey(mine);
        Array.Clear(mine);

        var wrapped = wrapping.Wrap(DataKey, Context, new DeterministicRandomSource(1));

        Assert.Equal(DataKey, KeyWrap.Unwrap(wrapped, Kek, Context));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(16)]
    [InlineData(31)]
    [InlineData(33)]
    public void AKeyEncryptionKeyOtherThan32BytesIsRefused(int length)
    {
        var error = Assert.Throws<ArgumentException>(() => new WrappingKey(new byte[length]));

        Assert.Equal("kek", error.ParamName);
    }

    [Fact]
    public void AKeyToWrapOtherThan32BytesIsRefused()
    {
        using var wrapping = new WrappingKey(Kek);

        var error = Assert.Throws<ArgumentException>(() => wrapping.Wrap(new byte[16], Context, new DeterministicRandomSource(1)));

        Assert.Equal("key", error.ParamName);
    }

    [Fact]
    public void AfterDisposeNeitherWrapNorUnwrapWorksAndDisposingAgainIsHarmless()
    {
        var wrapping = new WrappingKey(Kek);
        var wrapped = wrapping.Wrap(DataKey, Context, new DeterministicRandomSource(1));

        wrapping.Dispose();
        wrapping.Dispose();

        Assert.Throws<ObjectDisposedException>(() => wrapping.Wrap(DataKey, Context, new DeterministicRandomSource(1)));
        Assert.Throws<ObjectDisposedException>(() => wrapping.Unwrap(wrapped, Context));
    }
}
