using FsCheck;
using FsCheck.Xunit;
using Slurp.Domain.Audit;

namespace Slurp.Domain.Tests.Audit;

public sealed class AuditEntryTests
{
    private static readonly byte[] KeyA = [.. Enumerable.Range(1, 32).Select(i => (byte)i)];
    private static readonly byte[] KeyB = [.. Enumerable.Range(101, 32).Select(i => (byte)i)];

    // RFC 4231, test case 1.
    [Fact]
    public void Redact_Rfc4231TestCase1_IsTheKnownHmac() =>
        Assert.Equal(
            "hmac-sha256:b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7",
            AuditEntry.Redact(Enumerable.Repeat((byte)0x0b, 20).ToArray(), "Hi There"));

    [Fact]
    public void Redact_SameKeyAndValue_IsTheSame() =>
        Assert.Equal(AuditEntry.Redact(KeyA, "tag:payments"), AuditEntry.Redact(KeyA, "tag:payments"));

    [Fact]
    public void Redact_DifferentKeys_Differ() =>
        Assert.NotEqual(AuditEntry.Redact(KeyA, "tag:payments"), AuditEntry.Redact(KeyB, "tag:payments"));

    [Fact]
    public void Redact_DifferentValues_Differ() =>
        Assert.NotEqual(AuditEntry.Redact(KeyA, "tag:payments"), AuditEntry.Redact(KeyA, "tag:payment"));

    [Fact]
    public void Redact_AnyValue_IsThePrefixAndLowercaseHexWithoutTheValue()
    {
        var redacted = AuditEntry.Redact(KeyA, "secret-term");

        Assert.Matches("^hmac-sha256:[0-9a-f]{64}$", redacted);
        Assert.DoesNotContain("secret", redacted, StringComparison.Ordinal);
    }

    [Property]
    public bool Redact_AnyValue_IsDeterministicPerKeyAndDiffersAcrossKeys(NonNull<string> value, byte seed)
    {
        var text = new string([.. value.Get.Where(c => !char.IsSurrogate(c))]);
        byte[] key = [.. KeyA.Select(b => (byte)(b ^ seed))];
        byte[] otherKey = [.. key.Select(b => (byte)(b ^ 0x80))];

        var redacted = AuditEntry.Redact(key, text);

        return redacted == AuditEntry.Redact(key, text) && redacted != AuditEntry.Redact(otherKey, text);
    }

    [Fact]
    public void Redact_KeyShorterThan16Bytes_Throws() =>
        Assert.Throws<ArgumentException>(() => AuditEntry.Redact(new byte[15], "x"));

    [Fact]
    public void Redact_LoneSurrogate_Throws() =>
        Assert.Throws<ArgumentException>(() => AuditEntry.Redact(KeyA, "\ud800"));

    [Fact]
    public void Redact_NullValue_Throws() =>
        Assert.Throws<ArgumentNullException>(() => AuditEntry.Redact(KeyA, null!));
}
