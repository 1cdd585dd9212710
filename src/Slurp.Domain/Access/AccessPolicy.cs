namespace Slurp.Domain.Access;

/// <summary>
/// Who may read and write a node, as pure functions of the role table, the node path and the version's
/// readers (its <c>encrypted_for_roles</c>). Role names compare ordinally.
/// </summary>
public static class AccessPolicy
{
    /// <summary>A role may write a path when it may write at all and one of its scopes covers the path.</summary>
    public static bool CanWrite(RoleDefinition role, string path)
    {
        ArgumentNullException.ThrowIfNull(role);
        return role.CanWrite && role.Covers(path);
    }

    /// <summary>
    /// A role may read a version at a path when one of its scopes covers the path and the version was
    /// encrypted for it (<paramref name="readers"/> holds its name). Both are required: a reader whose scopes
    /// were later narrowed loses access, and covering a path does not grant content not encrypted for the role.
    /// </summary>
    public static bool CanRead(RoleDefinition role, string path, IReadOnlyCollection<string> readers)
    {
        ArgumentNullException.ThrowIfNull(role);
        ArgumentNullException.ThrowIfNull(readers);
        return role.Covers(path) && readers.Contains(role.Name, StringComparer.Ordinal);
    }

    /// <summary>
    /// The default <c>encrypted_for_roles</c> of a write (API.md "Context nodes"): the names of the roles whose
    /// scopes cover <paramref name="path"/> and whose access level is at least
    /// <paramref name="classification"/>; distinct and sorted ordinally. May be empty.
    /// </summary>
    public static IReadOnlyList<string> DefaultReaders(
        IEnumerable<RoleDefinition> roles,
        string path,
        AccessLevel classification)
    {
        ArgumentNullException.ThrowIfNull(roles);
        ArgumentNullException.ThrowIfNull(path);
        var names = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var role in roles)
        {
            if (role.AccessLevel >= classification && role.Covers(path))
            {
                names.Add(role.Name);
            }
        }

        return names.ToArray();
    }
}
