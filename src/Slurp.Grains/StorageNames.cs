namespace Slurp.Grains;

/// <summary>The grain storage names the grains use; each profile registers all of them.</summary>
public static class StorageNames
{
    /// <summary>Context nodes: versions, branches, children.</summary>
    public const string Context = "context";

    /// <summary>Roles and agents.</summary>
    public const string Access = "access";

    /// <summary>Every storage name, for profiles that register them together.</summary>
    public static IReadOnlyList<string> All { get; } = [Context, Access];
}
