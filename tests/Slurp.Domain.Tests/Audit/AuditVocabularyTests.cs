using Slurp.Domain.Audit;

namespace Slurp.Domain.Tests.Audit;

public sealed class AuditVocabularyTests
{
    [Fact]
    public void All_IsEveryActionOfTheDesign() =>
        Assert.Equal(
            ["read", "write", "delete", "rollback", "branch", "children", "history", "diff", "denied", "key_create",
             "key_rotate", "key_retire", "seal", "unseal", "init", "shred", "agent_create", "agent_revoke", "role_put", "audit_read"],
            AuditAction.All);

    [Fact]
    public void IsKnown_EveryAction_IsTrue() =>
        Assert.All(AuditAction.All, action => Assert.True(AuditAction.IsKnown(action)));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("Read")]
    [InlineData("read ")]
    [InlineData("upload")]
    public void IsKnown_AnythingElse_IsFalse(string? action) =>
        Assert.False(AuditAction.IsKnown(action));

    [Theory]
    [InlineData(AuditOutcome.Allowed, "allowed")]
    [InlineData(AuditOutcome.Denied, "denied")]
    [InlineData(AuditOutcome.Failed, "failed")]
    public void Outcome_WireName_RoundTrips(AuditOutcome outcome, string wire)
    {
        Assert.Equal(wire, AuditOutcomes.ToWire(outcome));
        Assert.True(AuditOutcomes.TryParse(wire, out var parsed));
        Assert.Equal(outcome, parsed);
    }

    [Fact]
    public void Outcome_WireNames_AreInEnumOrder() =>
        Assert.Equal(Enum.GetValues<AuditOutcome>().Select(AuditOutcomes.ToWire), AuditOutcomes.WireNames);

    [Theory]
    [InlineData(null)]
    [InlineData("Allowed")]
    [InlineData("0")]
    public void Outcome_TryParseAnythingElse_IsFalse(string? text) =>
        Assert.False(AuditOutcomes.TryParse(text, out _));

    [Fact]
    public void Outcome_ToWireUndefinedValue_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => AuditOutcomes.ToWire((AuditOutcome)42));
}
