using Slurp.Domain.Keys;

namespace Slurp.Domain.Tests.Keys;

public sealed class RotationPolicyTests
{
    private const string Role = "backend_developer";
    private static readonly DateTimeOffset Created = new(2024, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Expiry = Created.AddDays(90);
    private static readonly RoleKeyRing Ring =
        RoleKeyRing.Replay(Role, [new KeyCreated(Role, 1, Created, Expiry, [1, 2, 3])]);

    [Fact]
    public void Evaluate_NoKeyYet_IsNoKeyAndNeedsRotation()
    {
        var status = RotationPolicy.Evaluate(RoleKeyRing.Replay(Role, []), Created);

        Assert.Equal(new KeyStatus(KeyHealth.NoKey, null), status);
        Assert.True(status.NeedsRotation);
    }

    [Fact]
    public void Evaluate_ActiveKeyDemotedWithoutSuccessor_IsNoKey() =>
        Assert.Equal(KeyHealth.NoKey, RotationPolicy.Evaluate(Ring.Apply([new KeyDemoted(1, Created)]), Created).Health);

    [Fact]
    public void Evaluate_FreshKey_IsOkAndDueAtItsExpiry()
    {
        var status = RotationPolicy.Evaluate(Ring, Created);

        Assert.Equal(new KeyStatus(KeyHealth.Ok, Expiry), status);
        Assert.False(status.NeedsRotation);
    }

    [Fact]
    public void Evaluate_ActiveKeyExpiresTomorrow_IsWarning()
    {
        var status = RotationPolicy.Evaluate(Ring, Expiry.AddDays(-1));

        Assert.Equal(new KeyStatus(KeyHealth.Warning, Expiry), status);
        Assert.False(status.NeedsRotation);
    }

    [Fact]
    public void Evaluate_ExactlyAtTheStartOfTheWarningWindow_IsWarning() =>
        Assert.Equal(KeyHealth.Warning, RotationPolicy.Evaluate(Ring, Expiry.AddDays(-7)).Health);

    [Fact]
    public void Evaluate_OneTickBeforeTheWarningWindow_IsOk() =>
        Assert.Equal(KeyHealth.Ok, RotationPolicy.Evaluate(Ring, Expiry.AddDays(-7).AddTicks(-1)).Health);

    [Fact]
    public void Evaluate_OneTickBeforeExpiry_IsWarning() =>
        Assert.Equal(KeyHealth.Warning, RotationPolicy.Evaluate(Ring, Expiry.AddTicks(-1)).Health);

    [Fact]
    public void Evaluate_ExactlyAtExpiry_IsDueAndNeedsRotation()
    {
        var status = RotationPolicy.Evaluate(Ring, Expiry);

        Assert.Equal(new KeyStatus(KeyHealth.Due, Expiry), status);
        Assert.True(status.NeedsRotation);
    }

    [Fact]
    public void Evaluate_ExactlyAtExpiryGivenInAnotherOffset_IsDue() =>
        Assert.Equal(KeyHealth.Due, RotationPolicy.Evaluate(Ring, Expiry.ToOffset(TimeSpan.FromHours(-5))).Health);

    [Fact]
    public void Evaluate_LongAfterExpiry_IsDue() =>
        Assert.Equal(KeyHealth.Due, RotationPolicy.Evaluate(Ring, Expiry.AddYears(3)).Health);

    [Fact]
    public void Evaluate_CustomWindowOfThirtyDays_WarnsEarlier() =>
        Assert.Equal(KeyHealth.Warning, RotationPolicy.Evaluate(Ring, Expiry.AddDays(-20), TimeSpan.FromDays(30)).Health);

    [Fact]
    public void Evaluate_ZeroWindow_IsOkUntilExpiry() =>
        Assert.Equal(KeyHealth.Ok, RotationPolicy.Evaluate(Ring, Expiry.AddTicks(-1), TimeSpan.Zero).Health);

    [Fact]
    public void Evaluate_WindowLongerThanTheCalendar_IsWarningWithoutOverflow() =>
        Assert.Equal(KeyHealth.Warning, RotationPolicy.Evaluate(Ring, Created, TimeSpan.MaxValue).Health);

    [Fact]
    public void Evaluate_NegativeWindow_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => RotationPolicy.Evaluate(Ring, Created, TimeSpan.FromTicks(-1)));

    [Fact]
    public void Evaluate_AfterRotation_JudgesTheNewActiveKey()
    {
        var now = Expiry.AddDays(1);
        var rotated = Ring.Apply(Ring.PlanRotation(now, TimeSpan.FromDays(90), [4, 5, 6]));

        Assert.Equal(new KeyStatus(KeyHealth.Ok, now.AddDays(90)), RotationPolicy.Evaluate(rotated, now));
    }

    [Fact]
    public void Count_SeveralRoles_CountsActiveExpiredAndDueKeys()
    {
        var now = Expiry;
        RoleKeyRing[] rings =
        [
            Ring, // due (expired)
            RingFor("auditor", now.AddDays(-10), now.AddDays(3)), // warning
            RingFor("admin", now.AddDays(-10), now.AddDays(60)), // ok
            RoleKeyRing.Replay("devops_engineer", []), // no key
        ];

        Assert.Equal(new KeyCounts(ActiveKeys: 3, ExpiredKeys: 1, KeysDueForRotation: 2), RotationPolicy.Count(rings, now, RotationPolicy.DefaultWarningWindow));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(90)]
    [InlineData(3650)]
    public void Lifetime_DaysInRange_IsThatManyDays(int days) =>
        Assert.Equal(TimeSpan.FromDays(days), RotationPolicy.Lifetime(days));

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(3651)]
    [InlineData(int.MaxValue)]
    public void Lifetime_DaysOutOfRange_Throws(int days) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => RotationPolicy.Lifetime(days));

    private static RoleKeyRing RingFor(string role, DateTimeOffset created, DateTimeOffset expires) =>
        RoleKeyRing.Replay(role, [new KeyCreated(role, 1, created, expires, [9])]);
}
