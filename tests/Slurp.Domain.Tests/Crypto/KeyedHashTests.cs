using System.Text;
using Slurp.Domain.Crypto;

namespace Slurp.Domain.Tests.Crypto;

public sealed class KeyedHashTests
{
    [Fact]
    public void TheHmacMatchesRfc4231TestCase2()
    {
        Assert.Equal(
            "hmac-sha256:5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843",
            KeyedHash.Hmac("Jefe"u8, "what do ya want for nothing?"));
    }

    [Fact]
    public void TheTextAndByteFormsAgree()
    {
        var key = new DeterministicRandomSource(50).Bytes(32);

        Assert.Equal(KeyedHash.Hmac(key, "ünïcode tag"), KeyedHash.Hmac(key, Encoding.UTF8.GetBytes("ünïcode tag").AsSpan()));
    }

    [Fact]
    public void TheValueIsThePrefixAnd64LowercaseHexDigits()
    {
        var value = KeyedHash.Hmac(new DeterministicRandomSource(51).Bytes(32), "api");

        Assert.Matches("^hmac-sha256:[0-9a-f]{64}$", value);
    }

    [Fact]
    public void AnotherKeyGivesAnotherValue()
    {
        Assert.NotEqual(
            KeyedHash.Hmac(new DeterministicRandomSource(52).Bytes(32), "api"),
            KeyedHash.Hmac(new DeterministicRandomSource(53).Bytes(32), "api"));
    }

    [Fact]
    public void AnEmptyKeyIsRejected()
    {
        Assert.Throws<ArgumentException>(() => KeyedHash.Hmac([], "api"));
    }

    [Fact]
    public void AValueWithAnUnpairedSurrogateIsRejectedRatherThanCollidingWithAnother()
    {
        Assert.Throws<ArgumentException>(() => KeyedHash.Hmac(new byte[32], "tag\uD800"));
    }
}
