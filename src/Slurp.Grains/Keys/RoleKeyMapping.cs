using Slurp.Abstractions.Keys;
using Slurp.Domain.Keys;

namespace Slurp.Grains.Keys;

/// <summary>Converts key-ring changes and keys between storage and domain forms.</summary>
internal static class RoleKeyMapping
{
    public const string Created = "created";
    public const string Demoted = "demoted";
    public const string Retired = "retired";

    public static RoleKeyChange ToDomain(this RoleKeyChangeRecord record, string role) => record.Kind switch
    {
        Created => new KeyCreated(role, record.Version, record.At, record.ExpiresAt ?? record.At, record.WrappedMaterial ?? []),
        Demoted => new KeyDemoted(record.Version, record.At),
        Retired => new KeyRetired(record.Version, record.At),
        _ => throw new InvalidOperationException($"unknown key change '{record.Kind}' in the ring of role '{role}'"),
    };

    public static RoleKeyChangeRecord ToRecord(this RoleKeyChange change) => change switch
    {
        KeyCreated c => new RoleKeyChangeRecord { Kind = Created, Version = c.Version, At = c.CreatedAt, ExpiresAt = c.ExpiresAt, WrappedMaterial = c.WrappedMaterial },
        KeyDemoted d => new RoleKeyChangeRecord { Kind = Demoted, Version = d.Version, At = d.At },
        KeyRetired r => new RoleKeyChangeRecord { Kind = Retired, Version = r.Version, At = r.At },
        _ => throw new InvalidOperationException($"unknown key change {change.GetType().Name}"),
    };

    public static RoleKeyRecord ToRecord(this RoleKey key) => new()
    {
        Role = key.Role,
        Version = key.Version,
        State = key.State switch
        {
            RoleKeyState.Active => "active",
            RoleKeyState.DecryptOnly => "decrypt_only",
            _ => "retired",
        },
        CreatedAt = key.CreatedAt,
        ExpiresAt = key.ExpiresAt,
        WrappedMaterial = key.WrappedMaterial,
    };
}
