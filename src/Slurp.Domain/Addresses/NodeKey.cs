namespace Slurp.Domain.Addresses;

/// <summary>
/// The identity of one context node: a concrete project and task (never <c>any</c>) and a path.
/// <c>default(NodeKey)</c> is not a valid key.
/// </summary>
/// <param name="Project">The project; a component, not <c>any</c>.</param>
/// <param name="Task">The task; a component, not <c>any</c>.</param>
/// <param name="Path">The node path within the project.</param>
public readonly record struct NodeKey(string Project, string Task, NodePath Path)
{
    // Deliberately not hex-looking: Orleans ADO.NET storage mistakes hex-looking string keys for other key kinds.
    private const string GrainKeyPrefix = "node/";

    private readonly string _project = RequireConcrete(Project, UcxlAddressPart.Project);
    private readonly string _task = RequireConcrete(Task, UcxlAddressPart.Task);
    private readonly NodePath _path = Path ?? throw new ArgumentNullException(nameof(Path));

    /// <summary>The project; a component, not <c>any</c>.</summary>
    public string Project
    {
        get => _project;
        init => _project = RequireConcrete(value, UcxlAddressPart.Project);
    }

    /// <summary>The task; a component, not <c>any</c>.</summary>
    public string Task
    {
        get => _task;
        init => _task = RequireConcrete(value, UcxlAddressPart.Task);
    }

    /// <summary>The node path within the project.</summary>
    public NodePath Path
    {
        get => _path;
        init => _path = value ?? throw new ArgumentNullException(nameof(Path));
    }

    /// <summary>The node of the containing folder; null for the project root.</summary>
    public NodeKey? Parent => Path.Parent is { } parent ? new NodeKey(Project, Task, parent) : null;

    /// <summary>
    /// Parses a key made by <see cref="ToGrainKey"/>. Never throws; false for anything that is not one.
    /// </summary>
    public static bool TryFromGrainKey(string? grainKey, out NodeKey nodeKey)
    {
        nodeKey = default;
        if (grainKey is null || !grainKey.StartsWith(GrainKeyPrefix, StringComparison.Ordinal))
        {
            return false;
        }

        var rest = grainKey.AsSpan(GrainKeyPrefix.Length);
        var projectEnd = rest.IndexOf('/');
        if (projectEnd < 0)
        {
            return false;
        }

        var project = rest[..projectEnd].ToString();
        rest = rest[(projectEnd + 1)..];
        var taskEnd = rest.IndexOf('/');
        if (taskEnd < 0)
        {
            return false;
        }

        var task = rest[..taskEnd].ToString();
        if (!IsConcrete(project) || !IsConcrete(task)
            || !NodePath.TryParse(rest[taskEnd..].ToString(), out var path, out _))
        {
            return false;
        }

        nodeKey = new NodeKey(project, task, path!);
        return true;
    }

    /// <summary>Parses a key made by <see cref="ToGrainKey"/>.</summary>
    /// <exception cref="ArgumentException">When <paramref name="grainKey"/> is not a node grain key.</exception>
    public static NodeKey FromGrainKey(string grainKey) =>
        TryFromGrainKey(grainKey, out var nodeKey)
            ? nodeKey
            : throw new ArgumentException("not a node grain key (expected 'node/{project}/{task}{path}')", nameof(grainKey));

    /// <summary>
    /// The Orleans grain key, <c>node/{project}/{task}{path}</c>, e.g. <c>node/proj/task/src/api</c>
    /// (<c>node/proj/task/</c> for the root). <see cref="TryFromGrainKey"/> reads it back.
    /// </summary>
    public string ToGrainKey() => GrainKeyPrefix + Project + "/" + Task + Path.Value;

    /// <summary>The nodes of every ancestor folder, from the project root down to the parent (excluding this node).</summary>
    public IReadOnlyList<NodeKey> AncestorsFromRoot()
    {
        var project = Project;
        var task = Task;
        return [.. Path.AncestorsFromRoot().Select(path => new NodeKey(project, task, path))];
    }

    /// <summary>The canonical address of this node: agent and role <c>any</c>, no temporal selector.</summary>
    public UcxlAddress ToAddress() => new(UcxlAddress.Any, UcxlAddress.Any, Project, Task, null, Path);

    /// <summary>The canonical address text, e.g. <c>ucxl://any:any@proj:task/src/api</c>.</summary>
    public override string ToString() =>
        UcxlAddress.Scheme + UcxlAddress.Any + ":" + UcxlAddress.Any + "@" + Project + ":" + Task + Path?.Value;

    private static bool IsConcrete(string value) =>
        UcxlAddress.TryCheckComponent(value, UcxlAddressPart.Project, out _) && !UcxlAddress.IsAny(value);

    private static string RequireConcrete(string value, UcxlAddressPart part)
    {
        if (!UcxlAddress.TryCheckComponent(value, part, out var error))
        {
            throw new ArgumentException(error!.ToString(), part.ToString());
        }

        return UcxlAddress.IsAny(value)
            ? throw new ArgumentException(new UcxlParseError(part, "must not be 'any': a node key names a single node").ToString(), part.ToString())
            : value;
    }
}
