using Slurp.Domain.Access;

namespace Slurp.Domain.Keys;

/// <summary>
/// A role's key versions, folded from its append-only log of <see cref="RoleKeyChange"/>s. The ring is
/// immutable: the planning methods return the changes to append, and <see cref="Apply"/> folds them into a
/// new ring. Folding enforces the invariants at every prefix of the log: versions are 1, 2, 3… with no gap
/// or repeat, at most one key is active, only the active key is demoted, only a decrypt-only key is retired,
/// and every key belongs to <see cref="Role"/>.
/// </summary>
public sealed class RoleKeyRing
{
    private readonly RoleKey[] _keys;

    private RoleKeyRing(string role, RoleKey[] keys, RoleKey? active)
    {
        Role = role;
        _keys = keys;
        Keys = Array.AsReadOnly(keys);
        Active = active;
    }

    /// <summary>The role the ring belongs to.</summary>
    public string Role { get; }

    /// <summary>Every key version, ordered by version; <c>Keys[i].Version == i + 1</c>.</summary>
    public IReadOnlyList<RoleKey> Keys { get; }

    /// <summary>The key that wraps new data keys, or null when the role has none (no key yet, or it was demoted).</summary>
    public RoleKey? Active { get; }

    /// <summary>The highest version the role has had, 0 when it has none.</summary>
    public int LatestVersion => _keys.Length;

    /// <summary>Folds a role's whole key log, oldest change first, into a ring. An empty log is a ring with no keys.</summary>
    /// <exception cref="ArgumentException"><paramref name="role"/> is not a valid role name.</exception>
    /// <exception cref="InvalidRoleKeyChangeException">A change does not follow from the ones before it.</exception>
    public static RoleKeyRing Replay(string role, IEnumerable<RoleKeyChange> changes)
    {
        if (!RoleDefinition.IsValidName(role, out var error))
        {
            throw new ArgumentException(error, nameof(role));
        }

        return new RoleKeyRing(role, [], null).Apply(changes);
    }

    /// <summary>
    /// The ring after appending <paramref name="changes"/> to this ring's log; this ring is unchanged.
    /// <see cref="InvalidRoleKeyChangeException.ChangeIndex"/> counts within <paramref name="changes"/>.
    /// </summary>
    /// <exception cref="InvalidRoleKeyChangeException">A change does not follow from the ones before it.</exception>
    public RoleKeyRing Apply(IEnumerable<RoleKeyChange> changes)
    {
        ArgumentNullException.ThrowIfNull(changes);
        var keys = new List<RoleKey>(_keys);
        var active = Active;
        var index = 0;
        foreach (var change in changes)
        {
            switch (change)
            {
                case KeyCreated created:
                    active = Create(keys, active, created, index);
                    break;
                case KeyDemoted demoted:
                    var key = Existing(keys, demoted.Version, index, "demote");
                    if (key.State != RoleKeyState.Active)
                    {
                        throw Invalid(index, $"cannot demote key version {key.Version}: it is {Describe(key.State)}, not active.");
                    }

                    keys[key.Version - 1] = key with { State = RoleKeyState.DecryptOnly };
                    active = null;
                    break;
                case KeyRetired retired:
                    var old = Existing(keys, retired.Version, index, "retire");
                    if (old.State != RoleKeyState.DecryptOnly)
                    {
                        throw Invalid(index, $"cannot retire key version {old.Version}: it is {Describe(old.State)}, not decrypt-only.");
                    }

                    keys[old.Version - 1] = old with { State = RoleKeyState.Retired, WrappedMaterial = [] };
                    break;
                case null:
                    throw Invalid(index, "the change is null.");
                default:
                    throw Invalid(index, $"unknown change kind {change.GetType().Name}.");
            }

            index++;
        }

        return new RoleKeyRing(Role, [.. keys], active);
    }

    /// <summary>The key with <paramref name="version"/>, or null when the role never had it.</summary>
    public RoleKey? Find(int version) => version >= 1 && version <= _keys.Length ? _keys[version - 1] : null;

    /// <summary>
    /// The changes that rotate the role's key at <paramref name="now"/>, in the order they must be appended:
    /// <see cref="KeyDemoted"/> for the current active key (when there is one), then <see cref="KeyCreated"/>
    /// for version <see cref="LatestVersion"/> + 1, active and expiring at <paramref name="now"/> +
    /// <paramref name="lifetime"/>. Demoting first keeps "at most one active key" true at every prefix of the
    /// log. The material is copied. The ring is unchanged; append the changes, then <see cref="Apply"/> them.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="lifetime"/> is not positive, or the expiry is past the calendar.</exception>
    /// <exception cref="ArgumentException"><paramref name="newWrappedMaterial"/> is empty.</exception>
    public IReadOnlyList<RoleKeyChange> PlanRotation(DateTimeOffset now, TimeSpan lifetime, byte[] newWrappedMaterial)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(lifetime, TimeSpan.Zero);
        ArgumentNullException.ThrowIfNull(newWrappedMaterial);
        if (newWrappedMaterial.Length == 0)
        {
            throw new ArgumentException("The wrapped key material must not be empty.", nameof(newWrappedMaterial));
        }

        if (DateTimeOffset.MaxValue - now < lifetime)
        {
            throw new ArgumentOutOfRangeException(nameof(lifetime), lifetime, "The key would expire past the end of the calendar.");
        }

        var created = new KeyCreated(Role, LatestVersion + 1, now, now + lifetime, [.. newWrappedMaterial]);
        return Active is { } active ? [new KeyDemoted(active.Version, now), created] : [created];
    }

    /// <summary>
    /// The change that retires key <paramref name="version"/> at <paramref name="now"/>, or null when that key
    /// is not decrypt-only (it is active, already retired, or does not exist; <see cref="Find"/> says which).
    /// The ring is unchanged.
    /// </summary>
    public RoleKeyChange? PlanRetire(int version, DateTimeOffset now) =>
        Find(version) is { State: RoleKeyState.DecryptOnly } ? new KeyRetired(version, now) : null;

    private RoleKey Create(List<RoleKey> keys, RoleKey? active, KeyCreated created, int index)
    {
        if (!string.Equals(created.Role, Role, StringComparison.Ordinal))
        {
            throw Invalid(index, $"key version {created.Version} belongs to role '{created.Role}'.");
        }

        if (created.Version >= 1 && created.Version <= keys.Count)
        {
            throw Invalid(index, $"key version {created.Version} already exists.");
        }

        if (created.Version != keys.Count + 1)
        {
            throw Invalid(index, $"the next key version is {keys.Count + 1}, not {created.Version}.");
        }

        if (active is not null)
        {
            throw Invalid(index, $"key version {created.Version} cannot be active while version {active.Version} still is; demote it first.");
        }

        if (created.ExpiresAt <= created.CreatedAt)
        {
            throw Invalid(index, $"key version {created.Version} expires at {created.ExpiresAt:O}, not after its creation at {created.CreatedAt:O}.");
        }

        if (created.WrappedMaterial is null || created.WrappedMaterial.Length == 0)
        {
            throw Invalid(index, $"key version {created.Version} has no wrapped material.");
        }

        var key = new RoleKey(Role, created.Version, created.CreatedAt, created.ExpiresAt, RoleKeyState.Active, [.. created.WrappedMaterial]);
        keys.Add(key);
        return key;
    }

    private RoleKey Existing(List<RoleKey> keys, int version, int index, string verb) =>
        version >= 1 && version <= keys.Count
            ? keys[version - 1]
            : throw Invalid(index, $"cannot {verb} key version {version}: the role has no such key (latest is {keys.Count}).");

    private InvalidRoleKeyChangeException Invalid(int index, string problem) => new(Role, index, problem);

    private static string Describe(RoleKeyState state) => state switch
    {
        RoleKeyState.Active => "active",
        RoleKeyState.DecryptOnly => "decrypt-only",
        RoleKeyState.Retired => "retired",
        _ => state.ToString(),
    };
}
