namespace Slurp.Domain.Audit;

/// <summary>
/// The actions an <see cref="AuditEntry"/> can record, by their wire names. <see cref="AuditChain.Append"/>
/// accepts only these, so the log stays searchable; add a constant here (and to <see cref="All"/>) for a new one.
/// </summary>
public static class AuditAction
{
    /// <summary>A context node was read.</summary>
    public const string Read = "read";

    /// <summary>A version was written.</summary>
    public const string Write = "write";

    /// <summary>A node was deleted (a tombstone version).</summary>
    public const string Delete = "delete";

    /// <summary>A node was rolled back to an older version.</summary>
    public const string Rollback = "rollback";

    /// <summary>A branch was created.</summary>
    public const string Branch = "branch";

    /// <summary>A node's children were listed.</summary>
    public const string Children = "children";

    /// <summary>A node's history was listed.</summary>
    public const string History = "history";

    /// <summary>Two versions were compared.</summary>
    public const string Diff = "diff";

    /// <summary>An access violation outside any of the other actions (e.g. a route the caller may not use).</summary>
    public const string Denied = "denied";

    /// <summary>A role's first key was created.</summary>
    public const string KeyCreate = "key_create";

    /// <summary>A role's key was rotated.</summary>
    public const string KeyRotate = "key_rotate";

    /// <summary>A decrypt-only key was retired.</summary>
    public const string KeyRetire = "key_retire";

    /// <summary>The silo was sealed.</summary>
    public const string Seal = "seal";

    /// <summary>An unseal share was submitted, or the silo was unsealed.</summary>
    public const string Unseal = "unseal";

    /// <summary>The master key was created and split (<c>POST /v1/sys/init</c>).</summary>
    public const string Init = "init";

    /// <summary>A node's data keys were destroyed.</summary>
    public const string Shred = "shred";

    /// <summary>An agent was created.</summary>
    public const string AgentCreate = "agent_create";

    /// <summary>An agent was revoked.</summary>
    public const string AgentRevoke = "agent_revoke";

    /// <summary>A role was created or changed.</summary>
    public const string RolePut = "role_put";

    /// <summary>The audit log itself was read.</summary>
    public const string AuditRead = "audit_read";

    /// <summary>Every action, in declaration order.</summary>
    public static IReadOnlyList<string> All { get; } = Array.AsReadOnly(
    [
        Read, Write, Delete, Rollback, Branch, Children, History, Diff, Denied, KeyCreate, KeyRotate, KeyRetire,
        Seal, Unseal, Init, Shred, AgentCreate, AgentRevoke, RolePut, AuditRead,
    ]);

    // Declared after All: static initializers run in textual order.
    private static readonly HashSet<string> Known = new(All, StringComparer.Ordinal);

    /// <summary>True when <paramref name="action"/> is exactly one of the constants above (ordinal, lowercase).</summary>
    public static bool IsKnown(string? action) => action is not null && Known.Contains(action);
}
