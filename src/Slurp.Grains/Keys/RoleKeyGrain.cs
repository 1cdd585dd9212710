using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Slurp.Abstractions.Keys;
using Slurp.Domain.Crypto;
using Slurp.Domain.Keys;
using Slurp.Grains.Seal;

namespace Slurp.Grains.Keys;

/// <summary>
/// One role's key ring. New material is generated here and stored only wrapped by the master-derived
/// wrapping key; changes are appended, never rewritten. A reminder rotates the key when it is due and
/// restarts re-wrapping while decrypt-only versions remain.
/// </summary>
public sealed class RoleKeyGrain(
    [PersistentState("rolekeys", StorageNames.Access)] IPersistentState<RoleKeyGrainState> state,
    SealVault vault,
    TimeProvider clock,
    IOptions<KeyOptions> options) : Grain, IRoleKeyGrain, IRemindable
{
    /// <summary>Grain key prefix; the role name follows.</summary>
    public const string KeyPrefix = "rolekey/";
    private const string ReminderName = "key-rotation";

    /// <summary>
    /// How long a silo may use an active version it was given without asking this grain again (<see cref="RoleKeyCache"/>):
    /// without it every context write asked every reader role's grain, ≈ 4 grain calls per PUT (docs/benchmarks.md, session 4).
    /// </summary>
    public static readonly TimeSpan ActiveLease = TimeSpan.FromSeconds(1);

    private RoleKeyRing _ring = null!;

    // When the last lease on the active version lapses (Environment.TickCount64, ms; real time even where grains
    // follow a test clock, as the silos' caches do): a rotation waits for it.
    private long _leasesLapseAt;

    private string Role => this.GetPrimaryKeyString()[KeyPrefix.Length..];

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _ring = RoleKeyRing.Replay(Role, state.State.Changes.Select(c => c.ToDomain(Role)));
        // An earlier activation (deactivated, or on a silo that died) may have handed out leases just now.
        GrantLease();
        if (_ring.Keys.Count > 0)
        {
            await RegisterReminderAsync();
        }
    }

    public Task<RoleKeyRecord[]> GetRingAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult(_ring.Keys.Select(k => k.ToRecord()).ToArray());

    public async Task<RoleKeyRecord> EnsureActiveAsync(CancellationToken cancellationToken = default)
    {
        if (_ring.Active is { } active)
        {
            GrantLease();
            return active.ToRecord();
        }

        await AppendAsync(_ring.PlanRotation(clock.GetUtcNow(), Lifetime, NewWrappedMaterial(_ring.LatestVersion + 1)));
        await RegisterReminderAsync();
        GrantLease();
        return _ring.Active!.ToRecord();
    }

    public async Task<RoleKeyRecord> RotateAsync(CancellationToken cancellationToken = default)
    {
        var hadKey = _ring.Active is not null;
        if (hadKey && _leasesLapseAt - Environment.TickCount64 is > 0 and var wait)
        {
            // Calls queue behind this turn meanwhile, and get the new version once it is there.
            await Task.Delay(TimeSpan.FromMilliseconds(wait), cancellationToken);
        }

        await AppendAsync(_ring.PlanRotation(clock.GetUtcNow(), Lifetime, NewWrappedMaterial(_ring.LatestVersion + 1)));
        await RegisterReminderAsync();
        if (hadKey)
        {
            // Existing data keys are still wrapped under the demoted version: re-wrap them in the background.
            await GrainFactory.GetGrainByKey<IKeyRewrapGrain>(Role).StartAsync(_ring.Active!.Version, options.Value.RewrapGrace);
        }

        return _ring.Active!.ToRecord();
    }

    public async Task<int> RetireBelowAsync(int belowVersion, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        var changes = _ring.Keys
            .Where(k => k.Version < belowVersion)
            .Select(k => _ring.PlanRetire(k.Version, now))
            .OfType<RoleKeyChange>()
            .ToList();
        if (changes.Count > 0)
        {
            await AppendAsync(changes);
        }

        return changes.Count;
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName != ReminderName || vault.IsSealed)
        {
            return;
        }

        if (RotationPolicy.Evaluate(_ring, clock.GetUtcNow()).Health == KeyHealth.Due)
        {
            await RotateAsync();
        }
        else if (_ring.Keys.Any(k => k.State == RoleKeyState.DecryptOnly) && _ring.Active is { } active)
        {
            // A re-wrap pass was interrupted (or never ran): start it again; it is idempotent.
            await GrainFactory.GetGrainByKey<IKeyRewrapGrain>(Role).StartAsync(active.Version, TimeSpan.Zero);
        }
    }

    // A lease starts now on this silo's clock; the caller counted its copy from before its call, so it lapses first.
    private void GrantLease() => _leasesLapseAt = Environment.TickCount64 + (long)ActiveLease.TotalMilliseconds;

    private TimeSpan Lifetime => RotationPolicy.Lifetime(options.Value.RotationDays);

    private byte[] NewWrappedMaterial(int version)
    {
        var key = new byte[32];
        try
        {
            SystemRandomSource.Instance.Fill(key);
            return vault.UseRoleKeyWrapKey(kek => KeyWrap.Wrap(key, kek, RoleKeyContext.For(Role, version), SystemRandomSource.Instance));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
        }
    }

    private async Task AppendAsync(IReadOnlyList<RoleKeyChange> changes)
    {
        var next = _ring.Apply(changes);
        state.State.Changes.AddRange(changes.Select(c => c.ToRecord()));
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            state.State.Changes.RemoveRange(state.State.Changes.Count - changes.Count, changes.Count);
            throw;
        }

        _ring = next;
    }

    private Task RegisterReminderAsync()
    {
        var period = options.Value.RotationCheckPeriod;
        return this.RegisterOrUpdateReminder(ReminderName, period, period);
    }
}
