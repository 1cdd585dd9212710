using Slurp.Domain.Keys;

namespace Slurp.Domain.Tests.Keys;

public sealed class RoleKeyRingTests
{
    private const string Role = "backend_developer";
    private static readonly DateTimeOffset T0 = new(2024, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Lifetime = TimeSpan.FromDays(90);

    [Fact]
    public void Replay_EmptyLog_HasNoKeys()
    {
        var ring = RoleKeyRing.Replay(Role, []);

        Assert.Empty(ring.Keys);
        Assert.Null(ring.Active);
        Assert.Equal(0, ring.LatestVersion);
        Assert.Equal(Role, ring.Role);
    }

    [Fact]
    public void Replay_CreatedThenRotated_ListsKeysByVersionWithTheNewestActive()
    {
        var ring = RoleKeyRing.Replay(Role, [Created(1, T0), new KeyDemoted(1, T0.AddDays(90)), Created(2, T0.AddDays(90))]);

        Assert.Equal([1, 2], ring.Keys.Select(k => k.Version));
        Assert.Equal([RoleKeyState.DecryptOnly, RoleKeyState.Active], ring.Keys.Select(k => k.State));
        Assert.Same(ring.Keys[1], ring.Active);
        Assert.True(new RoleKey(Role, 2, T0.AddDays(90), T0.AddDays(180), RoleKeyState.Active, Material(2)).ContentEquals(ring.Active));
    }

    [Fact]
    public void Replay_DemotedKey_KeepsItsMaterial()
    {
        var ring = RoleKeyRing.Replay(Role, [Created(1, T0), new KeyDemoted(1, T0.AddDays(1))]);

        Assert.Equal(Material(1), ring.Find(1)!.WrappedMaterial);
        Assert.Null(ring.Active);
    }

    [Fact]
    public void Replay_RetiredKey_DropsItsMaterial()
    {
        var ring = RoleKeyRing.Replay(Role, [Created(1, T0), new KeyDemoted(1, T0.AddDays(1)), new KeyRetired(1, T0.AddDays(2))]);

        var key = ring.Find(1)!;
        Assert.Equal(RoleKeyState.Retired, key.State);
        Assert.Empty(key.WrappedMaterial);
    }

    [Fact]
    public void Replay_DuplicateVersion_Throws()
    {
        var error = Assert.Throws<InvalidRoleKeyChangeException>(
            () => RoleKeyRing.Replay(Role, [Created(1, T0), new KeyDemoted(1, T0), Created(1, T0)]));

        Assert.Equal("key version 1 already exists.", error.Problem);
        Assert.Equal(2, error.ChangeIndex);
        Assert.Equal(Role, error.Role);
        Assert.Equal("Key log of role 'backend_developer', change #2: key version 1 already exists.", error.Message);
    }

    [Fact]
    public void Replay_SkippedVersion_Throws()
    {
        var error = Assert.Throws<InvalidRoleKeyChangeException>(() => RoleKeyRing.Replay(Role, [Created(2, T0)]));

        Assert.Equal("the next key version is 1, not 2.", error.Problem);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void Replay_VersionBelowOne_Throws(int version) =>
        Assert.Throws<InvalidRoleKeyChangeException>(() => RoleKeyRing.Replay(Role, [Created(version, T0)]));

    [Fact]
    public void Replay_TwoActiveKeys_Throws()
    {
        var error = Assert.Throws<InvalidRoleKeyChangeException>(() => RoleKeyRing.Replay(Role, [Created(1, T0), Created(2, T0)]));

        Assert.Equal("key version 2 cannot be active while version 1 still is; demote it first.", error.Problem);
        Assert.Equal(1, error.ChangeIndex);
    }

    [Fact]
    public void Replay_DemotingAnUnknownKey_Throws()
    {
        var error = Assert.Throws<InvalidRoleKeyChangeException>(() => RoleKeyRing.Replay(Role, [Created(1, T0), new KeyDemoted(2, T0)]));

        Assert.Equal("cannot demote key version 2: the role has no such key (latest is 1).", error.Problem);
    }

    [Fact]
    public void Replay_DemotingADecryptOnlyKey_Throws()
    {
        var error = Assert.Throws<InvalidRoleKeyChangeException>(
            () => RoleKeyRing.Replay(Role, [Created(1, T0), new KeyDemoted(1, T0), new KeyDemoted(1, T0)]));

        Assert.Equal("cannot demote key version 1: it is decrypt-only, not active.", error.Problem);
    }

    [Fact]
    public void Replay_RetiringAnActiveKey_Throws()
    {
        var error = Assert.Throws<InvalidRoleKeyChangeException>(() => RoleKeyRing.Replay(Role, [Created(1, T0), new KeyRetired(1, T0)]));

        Assert.Equal("cannot retire key version 1: it is active, not decrypt-only.", error.Problem);
    }

    [Fact]
    public void Replay_RetiringAnUnknownKey_Throws() =>
        Assert.Throws<InvalidRoleKeyChangeException>(() => RoleKeyRing.Replay(Role, [new KeyRetired(1, T0)]));

    [Fact]
    public void Replay_RetiringTwice_Throws()
    {
        var error = Assert.Throws<InvalidRoleKeyChangeException>(
            () => RoleKeyRing.Replay(Role, [Created(1, T0), new KeyDemoted(1, T0), new KeyRetired(1, T0), new KeyRetired(1, T0)]));

        Assert.Equal("cannot retire key version 1: it is retired, not decrypt-only.", error.Problem);
    }

    [Fact]
    public void Replay_KeyOfAnotherRole_Throws()
    {
        var error = Assert.Throws<InvalidRoleKeyChangeException>(
            () => RoleKeyRing.Replay(Role, [Created(1, T0) with { Role = "auditor" }]));

        Assert.Equal("key version 1 belongs to role 'auditor'.", error.Problem);
    }

    [Fact]
    public void Replay_ExpiryNotAfterCreation_Throws() =>
        Assert.Throws<InvalidRoleKeyChangeException>(() => RoleKeyRing.Replay(Role, [Created(1, T0) with { ExpiresAt = T0 }]));

    [Fact]
    public void Replay_EmptyMaterial_Throws() =>
        Assert.Throws<InvalidRoleKeyChangeException>(() => RoleKeyRing.Replay(Role, [Created(1, T0) with { WrappedMaterial = [] }]));

    [Fact]
    public void Replay_NullChange_Throws() =>
        Assert.Throws<InvalidRoleKeyChangeException>(() => RoleKeyRing.Replay(Role, [Created(1, T0), null!]));

    [Theory]
    [InlineData("")]
    [InlineData("any")]
    [InlineData("back end")]
    public void Replay_InvalidRoleName_Throws(string role) =>
        Assert.Throws<ArgumentException>(() => RoleKeyRing.Replay(role, []));

    [Fact]
    public void Replay_ChangeMaterialMutatedLater_RingKeepsItsOwnCopy()
    {
        var created = Created(1, T0);
        var ring = RoleKeyRing.Replay(Role, [created]);

        created.WrappedMaterial[0] ^= 0xff;

        Assert.Equal(Material(1), ring.Active!.WrappedMaterial);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(3)]
    public void Find_VersionTheRoleNeverHad_IsNull(int version) =>
        Assert.Null(TwoKeyRing().Find(version));

    [Fact]
    public void Find_ExistingVersion_IsThatKey() =>
        Assert.Equal(1, TwoKeyRing().Find(1)!.Version);

    [Fact]
    public void Apply_InvalidChange_LeavesTheRingUnchangedAndCountsFromTheAppliedChanges()
    {
        var ring = TwoKeyRing();

        var error = Assert.Throws<InvalidRoleKeyChangeException>(() => ring.Apply([new KeyDemoted(2, T0), new KeyDemoted(2, T0)]));

        Assert.Equal(1, error.ChangeIndex);
        Assert.Equal(2, ring.Active!.Version);
    }

    [Fact]
    public void PlanRotation_EmptyRing_CreatesVersionOneOnly()
    {
        var plan = RoleKeyRing.Replay(Role, []).PlanRotation(T0, Lifetime, Material(1));

        var created = Assert.IsType<KeyCreated>(Assert.Single(plan));
        Assert.True(new KeyCreated(Role, 1, T0, T0 + Lifetime, Material(1)).ContentEquals(created));
    }

    [Fact]
    public void PlanRotation_WithAnActiveKey_DemotesItFirstThenCreatesTheNextVersion()
    {
        var now = T0.AddDays(100);

        var plan = TwoKeyRing().PlanRotation(now, Lifetime, Material(3));

        Assert.Equal(2, plan.Count);
        Assert.Equal(new KeyDemoted(2, now), plan[0]);
        Assert.True(new KeyCreated(Role, 3, now, now + Lifetime, Material(3)).ContentEquals(plan[1] as KeyCreated));
    }

    [Fact]
    public void PlanRotation_NoActiveKey_CreatesHighestVersionPlusOneWithoutDemoting()
    {
        var ring = RoleKeyRing.Replay(
            Role,
            [Created(1, T0), new KeyDemoted(1, T0), new KeyRetired(1, T0), Created(2, T0), new KeyDemoted(2, T0)]);

        var plan = ring.PlanRotation(T0, Lifetime, Material(3));

        Assert.Equal(3, Assert.IsType<KeyCreated>(Assert.Single(plan)).Version);
    }

    [Fact]
    public void PlanRotation_Applied_MakesTheNewKeyActiveAndTheOldOneDecryptOnly()
    {
        var ring = TwoKeyRing();
        var now = T0.AddDays(100);

        var rotated = ring.Apply(ring.PlanRotation(now, Lifetime, Material(3)));

        Assert.Equal(3, rotated.Active!.Version);
        Assert.Equal(now + Lifetime, rotated.Active.ExpiresAt);
        Assert.Equal(RoleKeyState.DecryptOnly, rotated.Find(2)!.State);
        Assert.Equal(RoleKeyState.DecryptOnly, rotated.Find(1)!.State);
    }

    [Fact]
    public void PlanRotation_DoesNotChangeTheRing()
    {
        var ring = TwoKeyRing();

        _ = ring.PlanRotation(T0.AddDays(100), Lifetime, Material(3));

        Assert.Equal(2, ring.LatestVersion);
        Assert.Equal(2, ring.Active!.Version);
    }

    [Fact]
    public void PlanRotation_MaterialMutatedLater_PlanKeepsItsOwnCopy()
    {
        var material = Material(1);
        var plan = RoleKeyRing.Replay(Role, []).PlanRotation(T0, Lifetime, material);

        material[0] ^= 0xff;

        Assert.Equal(Material(1), ((KeyCreated)plan[0]).WrappedMaterial);
    }

    [Theory]
    [InlineData(0L)]
    [InlineData(-1L)]
    public void PlanRotation_NonPositiveLifetime_Throws(long ticks) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => TwoKeyRing().PlanRotation(T0, TimeSpan.FromTicks(ticks), Material(3)));

    [Fact]
    public void PlanRotation_ExpiryPastTheCalendar_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(
            () => TwoKeyRing().PlanRotation(DateTimeOffset.MaxValue.AddDays(-1), TimeSpan.FromDays(2), Material(3)));

    [Fact]
    public void PlanRotation_EmptyMaterial_Throws() =>
        Assert.Throws<ArgumentException>(() => TwoKeyRing().PlanRotation(T0, Lifetime, []));

    [Fact]
    public void PlanRetire_DecryptOnlyKey_RetiresIt() =>
        Assert.Equal(new KeyRetired(1, T0.AddDays(200)), TwoKeyRing().PlanRetire(1, T0.AddDays(200)));

    [Fact]
    public void PlanRetire_ActiveKey_IsNull() =>
        Assert.Null(TwoKeyRing().PlanRetire(2, T0));

    [Fact]
    public void PlanRetire_RetiredKey_IsNull()
    {
        var ring = TwoKeyRing().Apply([new KeyRetired(1, T0)]);

        Assert.Null(ring.PlanRetire(1, T0));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    public void PlanRetire_UnknownKey_IsNull(int version) =>
        Assert.Null(TwoKeyRing().PlanRetire(version, T0));

    [Fact]
    public void PlanRetire_Applied_RetiresTheKey()
    {
        var ring = TwoKeyRing();

        var retired = ring.Apply([ring.PlanRetire(1, T0)!]);

        Assert.Equal(RoleKeyState.Retired, retired.Find(1)!.State);
        Assert.Equal(RoleKeyState.Active, retired.Find(2)!.State);
    }

    // Whatever an operator does through the planning functions, the log they produce always replays.
    [FsCheck.Xunit.Property]
    public bool Plans_AnySequenceOfRotationsAndRetirements_ReplayToTheSameValidRing(int[] operations)
    {
        var ring = RoleKeyRing.Replay(Role, []);
        var log = new List<RoleKeyChange>();
        var now = T0;
        foreach (var operation in operations)
        {
            now = now.AddHours(1);
            IReadOnlyList<RoleKeyChange> changes = operation >= 0
                ? ring.PlanRotation(now, Lifetime, Material((byte)operation))
                : ring.PlanRetire((-(operation + 1) % (ring.LatestVersion + 1)) + 1, now) is { } retire ? [retire] : [];
            log.AddRange(changes);
            ring = ring.Apply(changes);
        }

        var replayed = RoleKeyRing.Replay(Role, log);
        var rotations = operations.Count(o => o >= 0);
        return replayed.Keys.Select(k => k.Version).SequenceEqual(Enumerable.Range(1, rotations))
            && replayed.Keys.Zip(ring.Keys).All(pair => pair.First.ContentEquals(pair.Second))
            && replayed.Keys.Count(k => k.State == RoleKeyState.Active) == (rotations > 0 ? 1 : 0)
            && replayed.Active?.Version == (rotations > 0 ? rotations : null);
    }

    private static KeyCreated Created(int version, DateTimeOffset at) =>
        new(Role, version, at, at + Lifetime, Material((byte)version));

    private static byte[] Material(byte seed) => [seed, 0xa5, 0x5a, (byte)(seed + 1)];

    // Version 1 decrypt-only, version 2 active.
    private static RoleKeyRing TwoKeyRing() =>
        RoleKeyRing.Replay(Role, [Created(1, T0), new KeyDemoted(1, T0.AddDays(90)), Created(2, T0.AddDays(90))]);
}
