using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Slurp.Domain.Crypto;

namespace Slurp.Domain.Tests.Crypto;

/// <summary>
/// The hasher against the encoding written out by hand (VersionContentTests and AuditChainTests pin stored hashes
/// too): whatever is appended, in whatever sizes, hashes like that encoding would.
/// </summary>
public sealed class CanonicalHasherTests
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    // One appended field: 0 string, 1 optional string (null half the time), 2 count, 3 64-bit integer. Strings run
    // from empty to several times the hasher's first buffer, with characters of 1 to 4 UTF-8 bytes.
    private static readonly Gen<(int Kind, string? Text, long Number)> Field =
        from kind in Gen.Choose(0, 3)
        from length in Gen.Frequency((4, Gen.Choose(0, 40)), (1, Gen.Choose(500, 5000)))
        from chars in Gen.ArrayOf(Gen.Elements("a", "Z", "0", " ", "\n", "é", "€", "😀", "\u0000"), length)
        from absent in Gen.Elements(true, false)
        from number in Gen.Choose(int.MinValue, int.MaxValue).Select(n => (long)n * 7919)
        select (kind, kind == 1 && absent ? null : string.Concat(chars), number);

    [Property(MaxTest = 300)]
    public Property AnySequenceOfFieldsHashesLikeItsEncodingWrittenByHand() =>
        Prop.ForAll(Gen.ListOf(Field).Select(f => f.ToArray()).ToArbitrary(), fields =>
        {
            using var hasher = new CanonicalHasher();
            foreach (var (kind, text, number) in fields)
            {
                switch (kind)
                {
                    case 0: hasher.AppendString(text!); break;
                    case 1: hasher.AppendOptionalString(text); break;
                    case 2: hasher.AppendCount((int)number); break;
                    default: hasher.AppendInt64(number); break;
                }
            }

            return hasher.ToHexAndReset() == Convert.ToHexStringLower(SHA256.HashData(ByHand(fields)));
        });

    [Fact]
    public void AResetStartsANewHash()
    {
        using var hasher = new CanonicalHasher();
        hasher.AppendString("first");
        var first = hasher.ToHexAndReset();

        hasher.AppendString("second");
        var second = hasher.ToHexAndReset();
        hasher.AppendString("second");

        Assert.NotEqual(first, second);
        Assert.Equal(second, hasher.ToHexAndReset());
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData([])), hasher.ToHexAndReset());
    }

    [Fact]
    public void NullAndEmptyOptionalTextHashDifferently()
    {
        using var hasher = new CanonicalHasher();
        hasher.AppendOptionalString(null);
        var absent = hasher.ToHexAndReset();
        hasher.AppendOptionalString(string.Empty);

        Assert.NotEqual(absent, hasher.ToHexAndReset());
    }

    [Fact]
    public void TextWithALoneSurrogateIsRefused()
    {
        using var hasher = new CanonicalHasher();

        var error = Assert.Throws<ArgumentException>(() => hasher.AppendString("ok\uD800"));

        Assert.Contains("lone surrogate", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ADisposedHasherRefusesMoreInput()
    {
        var hasher = new CanonicalHasher();
        hasher.Dispose();
        hasher.Dispose();

        Assert.Throws<ObjectDisposedException>(() => hasher.AppendInt64(1));
    }

    private static byte[] ByHand((int Kind, string? Text, long Number)[] fields)
    {
        var bytes = new List<byte>();
        void Int32(int value)
        {
            var buffer = new byte[4];
            BinaryPrimitives.WriteInt32BigEndian(buffer, value);
            bytes.AddRange(buffer);
        }

        void Text(string value)
        {
            var encoded = Utf8.GetBytes(value);
            Int32(encoded.Length);
            bytes.AddRange(encoded);
        }

        foreach (var (kind, text, number) in fields)
        {
            switch (kind)
            {
                case 0:
                    Text(text!);
                    break;
                case 1:
                    bytes.Add(text is null ? (byte)0 : (byte)1);
                    if (text is not null)
                    {
                        Text(text);
                    }

                    break;
                case 2:
                    Int32((int)number);
                    break;
                default:
                    var buffer = new byte[8];
                    BinaryPrimitives.WriteInt64BigEndian(buffer, number);
                    bytes.AddRange(buffer);
                    break;
            }
        }

        return [.. bytes];
    }
}
