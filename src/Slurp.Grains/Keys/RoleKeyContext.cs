using Slurp.Domain.Crypto;

namespace Slurp.Grains.Keys;

/// <summary>The associated data under which role keys and data keys are wrapped.</summary>
internal static class RoleKeyContext
{
    /// <summary>A role key version, wrapped by the master-derived wrapping key.</summary>
    public static WrapContext For(string role, int version) => new("role-key", role, version);

    /// <summary>A layer's data key, wrapped by one role key version; binds the node, version and layer.</summary>
    public static WrapContext DataKey(string role, int roleKeyVersion, string nodeKey, int version, string layer) =>
        new("data-key", $"{role}|{nodeKey}|v{version}|{layer}", roleKeyVersion);
}
