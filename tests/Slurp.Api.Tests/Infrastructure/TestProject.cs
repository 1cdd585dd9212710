namespace Slurp.Api.Tests.Infrastructure;

/// <summary>
/// A project no other test writes to, so tests stay independent on a shared host, and the UCXL
/// addresses inside it.
/// </summary>
public sealed record TestProject(string Name, string Task)
{
    /// <summary>A project with a unique name and the task <c>t</c>.</summary>
    public static TestProject Create() => new("p" + Guid.NewGuid().ToString("N"), "t");

    /// <summary>
    /// <c>ucxl://{agent}:{role}@{project}:{task}/[{temporal}/]{path}</c>; <paramref name="path"/> starts
    /// with <c>/</c> (<c>/</c> alone is the project root).
    /// </summary>
    public string Address(string path, string role = "any", string agent = "any", string? temporal = null) =>
        $"ucxl://{agent}:{role}@{Name}:{Task}/" + (temporal is null ? string.Empty : temporal + "/") + path.TrimStart('/');

    /// <summary>The canonical address the API reports for a node (agent and role <c>any</c>).</summary>
    public string NodeAddress(string path) => Address(path);
}
