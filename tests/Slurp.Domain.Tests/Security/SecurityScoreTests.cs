using Slurp.Domain.Security;

namespace Slurp.Domain.Tests.Security;

public sealed class SecurityScoreTests
{
    private static readonly SecurityInputs Healthy = new()
    {
        ActiveKeys = 7,
        ExpiredKeys = 0,
        KeysDueForRotation = 0,
        AccessViolations24h = 0,
        Requests24h = 1000,
        AuditIntact = true,
        AuditAvailable = true,
        Sealed = false,
        DevModeSeal = false,
    };

    [Theory]
    // available, intact, dev mode, expired, due, violations, requests → score
    [InlineData(true, true, false, 0, 0, 0, 1000, 100)] // nothing wrong
    [InlineData(true, true, false, 0, 0, 0, 0, 100)] // no traffic at all
    [InlineData(true, false, false, 0, 0, 0, 1000, 60)] // audit chain broken
    [InlineData(false, true, false, 0, 0, 0, 1000, 60)] // audit store unavailable
    [InlineData(false, false, false, 0, 0, 0, 1000, 60)] // both: deducted once
    [InlineData(true, true, true, 0, 0, 0, 1000, 75)] // dev-mode seal
    [InlineData(true, true, false, 1, 0, 0, 1000, 90)] // one expired key
    [InlineData(true, true, false, 3, 0, 0, 1000, 70)] // three expired keys reach the cap
    [InlineData(true, true, false, 50, 0, 0, 1000, 70)] // the cap holds
    [InlineData(true, true, false, 0, 1, 0, 1000, 97)] // one key due
    [InlineData(true, true, false, 0, 5, 0, 1000, 85)] // five due keys reach the cap
    [InlineData(true, true, false, 0, 40, 0, 1000, 85)] // the cap holds
    [InlineData(true, true, false, 1, 1, 0, 1000, 87)] // an expired key is also due
    [InlineData(true, true, false, 0, 0, 5, 100, 95)] // 5% violations
    [InlineData(true, true, false, 0, 0, 1, 1000, 100)] // 0.1% rounds to 0
    [InlineData(true, true, false, 0, 0, 1, 200, 99)] // 0.5% rounds half away from zero to 1
    [InlineData(true, true, false, 0, 0, 5, 200, 97)] // 2.5% rounds to 3
    [InlineData(true, true, false, 0, 0, 3, 1000, 100)] // 0.3% rounds to 0
    [InlineData(true, true, false, 0, 0, 20, 100, 80)] // 20% is the cap
    [InlineData(true, true, false, 0, 0, 90, 100, 80)] // the cap holds
    [InlineData(true, true, false, 0, 0, 3, 0, 80)] // violations without requests: rate over max(requests, 1)
    [InlineData(false, false, true, 3, 5, 20, 100, 0)] // 100 - 40 - 25 - 30 - 15 - 20 = -30, clamped to 0
    [InlineData(true, false, true, 2, 2, 10, 100, 0)] // 100 - 40 - 25 - 20 - 6 - 10 = -1, clamped to 0
    [InlineData(true, false, true, 2, 2, 9, 100, 0)] // 100 - 40 - 25 - 20 - 6 - 9 = 0
    [InlineData(true, false, true, 2, 1, 8, 100, 4)] // 100 - 40 - 25 - 20 - 3 - 8 = 4
    public void Compute_Table_GivesTheDocumentedScore(
        bool auditAvailable, bool auditIntact, bool devModeSeal, int expired, int due, int violations, int requests, int score)
    {
        var inputs = Healthy with
        {
            AuditAvailable = auditAvailable,
            AuditIntact = auditIntact,
            DevModeSeal = devModeSeal,
            ExpiredKeys = expired,
            KeysDueForRotation = due,
            AccessViolations24h = violations,
            Requests24h = requests,
        };

        Assert.Equal(score, SecurityScore.Compute(inputs).Score);
    }

    [Fact]
    public void Compute_NothingWrong_IsFullMarksWithNoDeduction()
    {
        var report = SecurityScore.Compute(Healthy);

        Assert.Equal(100, report.Score);
        Assert.Empty(report.Deductions);
    }

    [Fact]
    public void Compute_Sealed_DoesNotLowerTheScore() =>
        Assert.Equal(100, SecurityScore.Compute(Healthy with { Sealed = true }).Score);

    [Fact]
    public void Compute_EverythingWrong_ListsEachDeductionWithItsPoints()
    {
        var inputs = Healthy with
        {
            AuditIntact = false,
            DevModeSeal = true,
            ExpiredKeys = 4,
            KeysDueForRotation = 1,
            AccessViolations24h = 3,
            Requests24h = 60,
        };

        var report = SecurityScore.Compute(inputs);

        Assert.Equal(0, report.Score);
        Assert.Equal(
            [
                "-40: the audit chain is broken",
                "-25: the seal runs in dev mode (master key in a local key file)",
                "-30: 4 expired active keys (-10 each, at most -30)",
                "-3: 1 key due for rotation (-3 each, at most -15)",
                "-5: access violations were 5% of audited requests in the last 24 hours (3 of 60; at most -20)",
            ],
            report.Deductions);
    }

    [Fact]
    public void Compute_AuditStoreUnavailable_SaysSoRatherThanBroken() =>
        Assert.Equal(
            ["-40: the audit store is unavailable"],
            SecurityScore.Compute(Healthy with { AuditAvailable = false, AuditIntact = false }).Deductions);

    [Fact]
    public void Compute_ViolationsRoundingToZero_ListsNoDeduction() =>
        Assert.Empty(SecurityScore.Compute(Healthy with { AccessViolations24h = 1 }).Deductions);

    [Fact]
    public void Compute_LargeCounts_DoNotOverflow() =>
        Assert.Equal(
            100 - 30 - 15 - 20,
            SecurityScore.Compute(Healthy with
            {
                ExpiredKeys = int.MaxValue,
                KeysDueForRotation = int.MaxValue,
                AccessViolations24h = int.MaxValue,
                Requests24h = 1,
            }).Score);

    [Fact]
    public void Compute_NegativeCount_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => SecurityScore.Compute(Healthy with { Requests24h = -1 }));
}
